package io.headroom.schema;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.CreatorProperty;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.impl.SetterlessProperty;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.design.ComponentSpec;
import io.headroom.design.Design;
import io.headroom.design.autoscaling.Autoscaling;
import io.headroom.design.autoscaling.AutoscalingSpec;
import io.headroom.design.autoscaling.AwsPolicy;
import io.headroom.design.autoscaling.HpaManifest;
import io.headroom.design.pricing.InstanceSpec;
import io.headroom.design.pricing.MixedInstancesPolicy;
import io.headroom.design.cluster.NodePoolManifest;
import io.headroom.design.cluster.NodePoolRef;
import io.headroom.design.cost.Tags;
import io.headroom.design.storage.StorageSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.closed.ClosedModel;
import io.headroom.load.closed.ClosedStep;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.study.StudySpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.Durations;
import io.headroom.yaml.TypeIdNames;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the JSON Schemas of designs, profiles and studies ({@code schemas/*.schema.json}) from the configuration records,
 * as the binder sees them: the keys are those of the deserializers {@link YamlDocument#mapper()} builds (kebab-case, renames
 * and static creators applied), a type family is a {@code oneOf} over its registry ({@code @JsonSubTypes}, or the
 * {@link TypeIdNames} resolver such as {@code ComponentType}'s), a record that can also be written as a scalar (a count, an
 * expression) is an {@code anyOf}, and the scalars with readers of their own have the binder's patterns
 * ({@link YamlShapes}). Descriptions, defaults, required keys and least values come from the records' sources
 * ({@link RecordSource}); largest values from {@link AtMost}. Unknown keys are refused, as the binder refuses them.
 *
 * <p>Run by {@code SchemaFilesTest}, which fails when the committed files differ; {@code main} writes them.
 */
public final class ConfigSchemas {
    static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One kind of file and the record it binds to. */
    record Kind(String name, Class<?> root, String title) {
        String fileName() {
            return name + ".schema.json";
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("design", Design.class, "Headroom design"),
            new Kind("profile", LoadProfile.class, "Headroom load profile"),
            new Kind("study", StudySpec.class, "Headroom study"));

    private final ObjectMapper mapper = YamlDocument.mapper();
    private final DeserializationContext ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
            .createDummyInstance(mapper.getDeserializationConfig());
    private final RecordSource sources;
    private final Map<String, ObjectNode> definitions = new TreeMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();

    private ConfigSchemas(RecordSource sources) {
        this.sources = sources;
    }

    /** Writes the three schemas into {@code dir} (default: {@code schemas/} of the repository holding the working directory). */
    public static void main(String[] args) throws IOException {
        Path repo = args.length > 0 ? Path.of(args[0]) : repositoryRoot();
        for (Map.Entry<String, String> e : generate(repo).entrySet()) {
            Files.writeString(repo.resolve("schemas").resolve(e.getKey()), e.getValue());
        }
    }

    /** The repository's root: the working directory or the first directory above it with a {@code schemas/} folder. */
    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("schemas")) && !Files.isDirectory(p.resolve("examples"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no repository root (with examples/) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    /** File name → text of each schema, generated from the sources under {@code repo}. */
    static Map<String, String> generate(Path repo) throws IOException {
        RecordSource sources = new RecordSource(List.of(repo.resolve("simulator/src/main/java"), repo.resolve("load-models/src/main/java")));
        Map<String, String> out = new LinkedHashMap<>();
        ObjectMapper writer = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        for (Kind k : KINDS) {
            ObjectNode schema = new ConfigSchemas(sources).document(k);
            out.put(k.fileName(), writer.writer(pretty).writeValueAsString(schema) + "\n");
        }
        return out;
    }

    private ObjectNode document(Kind kind) {
        ObjectNode root = F.objectNode();
        root.put("$schema", DRAFT_07);
        root.put("title", kind.title());
        ObjectNode body = bean(kind.root());
        if (kind.root() == Design.class) {
            designExtras();
        }
        root.setAll(body);
        ObjectNode defs = root.putObject("definitions");
        definitions.forEach(defs::set);
        return root;
    }

    // ---- types --------------------------------------------------------------------------------------------------

    /** The schema of a value of {@code type}: inline for scalars, lists and maps; a reference for records and families. */
    private ObjectNode typeSchema(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ObjectNode s = F.objectNode().put("type", "array");
            s.set("items", typeSchema(type.getContentType()));
            return s;
        }
        if (type.isMapLikeType()) {
            ObjectNode s = F.objectNode().put("type", "object");
            s.set("additionalProperties", typeSchema(type.getContentType()));
            return s;
        }
        if (raw == String.class || raw == Path.class) {
            return F.objectNode().put("type", "string");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class) {
            return F.objectNode().put("type", "integer");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return F.objectNode().put("type", "number");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return F.objectNode().put("type", "boolean");
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return F.objectNode();
        }
        ObjectNode shape = YamlShapes.forType(raw);
        if (shape != null) {
            return shape;
        }
        if (raw.isEnum()) {
            ObjectNode s = F.objectNode();
            ArrayNode values = s.putArray("enum");
            enumNames(raw).forEach(values::add);
            String d = sources.of(raw).description();
            if (d != null) {
                s.put("description", d);
            }
            return s;
        }
        return ref(raw);
    }

    private ObjectNode ref(Class<?> type) {
        String name = names.get(type);
        if (name == null) {
            name = definitionName(type);
            names.put(type, name);
            definitions.put(name, F.objectNode());
            definitions.put(name, definition(type));
        }
        return F.objectNode().put("$ref", "#/definitions/" + name);
    }

    private String definitionName(Class<?> type) {
        String n = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
        return definitions.containsKey(n) ? type.getName() : n;
    }

    /** {@code policy: aws} ({@link AwsPolicy}): read by the autoscaling reader, not by the policy registry. */
    private ObjectNode awsPolicy() {
        ObjectNode s = F.objectNode().put("type", "object");
        String d = sources.of(AwsPolicy.class).description();
        if (d != null) {
            s.put("description", d);
        }
        ObjectNode props = s.putObject("properties");
        props.putObject("policy").put("const", "aws");
        props.set("put-scaling-policy", fileOrJson("A PutScalingPolicy request (aws autoscaling put-scaling-policy"
                + " --cli-input-json), describe-policies' answer or a TargetTrackingConfiguration: a JSON file relative to the"
                + " design, or the JSON inline."));
        props.set("put-metric-alarm", fileOrJson("For StepScaling and SimpleScaling, the CloudWatch alarm (aws cloudwatch"
                + " put-metric-alarm --cli-input-json, or describe-alarms' answer): a file, or the JSON inline."));
        s.putArray("required").add("policy").add("put-scaling-policy");
        s.put("additionalProperties", false);
        return s;
    }

    private static ObjectNode fileOrJson(String description) {
        ObjectNode s = F.objectNode().put("description", description);
        ArrayNode one = s.putArray("oneOf");
        one.addObject().put("type", "string");
        one.addObject().put("type", "object");
        return s;
    }

    /** A bare PutScalingPolicy mapping in AWS's keys, standing for {@code policy: aws} (checked by the binder, key by key). */
    private static ObjectNode bareAwsPolicy() {
        ObjectNode s = F.objectNode().put("type", "object").put("description", "A PutScalingPolicy request in AWS's own keys"
                + " (PolicyType, TargetTrackingConfiguration, StepAdjustments...), or describe-policies' answer (ScalingPolicies),"
                + " standing for policy: aws.");
        ArrayNode any = s.putArray("anyOf");
        for (String k : List.of("PolicyType", "TargetTrackingConfiguration", "StepAdjustments", "ScalingPolicies")) {
            any.addObject().putArray("required").add(k);
        }
        any.addObject().putArray("required").add("TargetValue").add("PredefinedMetricSpecification");
        ObjectNode not = s.putObject("not").putArray("anyOf").addObject();
        not.putArray("required").add("policy");
        ((ArrayNode) s.get("not").get("anyOf")).addObject().putArray("required").add("kind");
        return s;
    }

    /**
     * {@code instance:} may hold an Auto Scaling group's {@code MixedInstancesPolicy} (inline, or by file) in place of its
     * market keys, rewritten before binding ({@link MixedInstancesPolicy}); {@code type} is then optional.
     */
    private static ObjectNode withMixedInstancesPolicy(ObjectNode s) {
        ObjectNode target = s.has("anyOf") ? null : s;
        if (s.has("anyOf")) {
            for (JsonNode alt : s.get("anyOf")) {
                if (alt.has("properties")) {
                    target = (ObjectNode) alt;
                }
            }
        }
        if (target == null || !target.has("properties")) {
            throw new IllegalStateException("instance: no object form to add MixedInstancesPolicy to");
        }
        ObjectNode props = (ObjectNode) target.get("properties");
        props.putObject("MixedInstancesPolicy").put("type", "object").put("description", "An Auto Scaling group's"
                + " MixedInstancesPolicy in AWS's keys (LaunchTemplate.Overrides with one InstanceType, InstancesDistribution),"
                + " in place of market, on-demand-base and on-demand-percentage-above-base.");
        props.putObject("mixed-instances-policy").put("type", "string").put("description", "A JSON file (relative to the design)"
                + " with the group's MixedInstancesPolicy, a CreateAutoScalingGroup request or describe-auto-scaling-groups' answer.");
        if (target.has("required")) {
            ArrayNode req = (ArrayNode) target.get("required");
            ArrayNode kept = F.arrayNode();
            req.forEach(r -> {
                if (!r.asText().equals("type")) {
                    kept.add(r);
                }
            });
            if (kept.isEmpty()) {
                target.remove("required");
            } else {
                target.set("required", kept);
            }
        }
        ArrayNode any = target.putArray("anyOf");
        for (String k : List.of("type", "MixedInstancesPolicy", "mixed-instances-policy")) {
            any.addObject().putArray("required").add(k);
        }
        return s;
    }

    private ObjectNode definition(Class<?> type) {
        if (type == InstanceSpec.class) {
            return withMixedInstancesPolicy(bean(type));
        }
        JsonDeserialize own = type.getAnnotation(JsonDeserialize.class);
        if (own != null && !YamlShapes.isNone(own.using())) {
            return customReader(own.using());
        }
        JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
        if (info != null && (type.isInterface() || Modifier.isAbstract(type.getModifiers()))) {
            return family(type, info);
        }
        return bean(type);
    }

    /** The shape of a type whose class names a reader of its own: one entry per such reader, written from what it reads. */
    private ObjectNode customReader(Class<?> reader) {
        ObjectNode s = F.objectNode();
        if (reader == ScenarioStep.Reader.class) {
            // the reader picks the kind by the key it finds first of request, pause, repeat
            ArrayNode one = s.putArray("oneOf");
            Map<String, Class<?>> steps = new LinkedHashMap<>();
            steps.put("request", ScenarioStep.Request.class);
            steps.put("pause", ScenarioStep.Pause.class);
            steps.put("repeat", ScenarioStep.Repeat.class);
            for (Map.Entry<String, Class<?>> step : steps.entrySet()) {
                ObjectNode alt = one.addObject();
                alt.putArray("allOf").add(ref(step.getValue()));
                alt.putArray("required").add(step.getKey());
            }
            describe(s, ScenarioStep.class);
        } else if (reader == classNamed(ClosedModel.class, "Reader")) {
            ArrayNode one = s.putArray("oneOf");
            ObjectNode list = one.addObject().put("type", "array").put("minItems", 1);
            list.put("description", "Gatling's closed steps, run one after another.");
            list.set("items", ref(ClosedStep.class));
            one.add(ref(classNamed(ClosedModel.class, "Shorthand")));
            describe(s, ClosedModel.class);
        } else if (reader == classNamed(Autoscaling.class, "Reader")) {
            ObjectNode policy = F.objectNode();
            ArrayNode any = policy.putArray("oneOf");
            any.add(ref(AutoscalingSpec.class));
            ObjectNode manifest = any.addObject();
            manifest.putArray("allOf").add(ref(HpaManifest.class));
            manifest.putArray("required").add("kind");
            manifest.putObject("not").putArray("required").add("policy");
            any.add(awsPolicy());
            any.add(bareAwsPolicy());
            ArrayNode one = s.putArray("oneOf");
            one.add(policy);
            one.addObject().put("type", "array").put("minItems", 1).set("items", policy.deepCopy());
            describe(s, Autoscaling.class);
        } else if (reader == classNamed(NodePoolRef.class, "Reader")) {
            ArrayNode one = s.putArray("oneOf");
            one.addObject().put("type", "string").put("description", "The path of a Karpenter NodePool manifest, relative to the design.");
            one.add(ref(NodePoolManifest.class));
            describe(s, NodePoolRef.class);
        } else {
            ObjectNode shape = YamlShapes.forReader(reader);
            if (shape == null) {
                throw new IllegalStateException(reader.getName() + " reads YAML its own way: describe what it accepts in "
                        + ConfigSchemas.class.getSimpleName() + ".customReader or " + YamlShapes.class.getSimpleName());
            }
            return shape;
        }
        return s;
    }

    /** A type family: one alternative per name of its registry, told apart by its key ({@code type:}, {@code dist:}) or its wrapper. */
    private ObjectNode family(Class<?> base, JsonTypeInfo info) {
        ObjectNode s = F.objectNode();
        describe(s, base);
        ArrayNode one = s.putArray("oneOf");
        for (Map.Entry<String, Class<?>> sub : subtypes(base).entrySet()) {
            if (info.include() == JsonTypeInfo.As.WRAPPER_OBJECT) {
                ObjectNode alt = one.addObject().put("type", "object");
                alt.putObject("properties").set(sub.getKey(), ref(sub.getValue()));
                alt.putArray("required").add(sub.getKey());
                alt.put("additionalProperties", false);
                String d = sources.of(sub.getValue()).description();
                if (d != null) {
                    alt.put("description", d);
                }
            } else {
                String key = info.property().isEmpty() ? "@type" : info.property();
                ObjectNode def = bean(sub.getValue());
                ObjectNode props = (ObjectNode) def.get("properties");
                ObjectNode id = F.objectNode().put("const", sub.getKey());
                ObjectNode reordered = F.objectNode();
                reordered.set(key, id);
                props.fields().forEachRemaining(e -> reordered.set(e.getKey(), e.getValue()));
                def.set("properties", reordered);
                ArrayNode req = def.has("required") ? (ArrayNode) def.get("required") : def.putArray("required");
                req.insert(0, key);
                String name = definitionName(sub.getValue());
                names.put(sub.getValue(), name);
                definitions.put(name, def);
                one.addObject().put("$ref", "#/definitions/" + name);
            }
        }
        return s;
    }

    /** The subtypes of a family by YAML name, in declaration order: its {@code @JsonSubTypes}, or its resolver's names. */
    private Map<String, Class<?>> subtypes(Class<?> base) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        JsonSubTypes sub = base.getAnnotation(JsonSubTypes.class);
        if (sub != null) {
            for (JsonSubTypes.Type t : sub.value()) {
                out.put(t.name(), t.value());
            }
            return out;
        }
        JsonTypeIdResolver custom = base.getAnnotation(JsonTypeIdResolver.class);
        try {
            TypeIdResolver r = custom.value().getDeclaredConstructor().newInstance();
            r.init(mapper.constructType(base));
            for (String id : ((TypeIdNames) r).typeIdNames()) {
                out.put(id, r.typeFromId(ctxt, id).getRawClass());
            }
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException(base + "'s type names", e);
        }
        return out;
    }

    // ---- records --------------------------------------------------------------------------------------------------

    /** A record (or other bean) as the binder reads it: a mapping of its keys, or also a scalar its creators take. */
    private ObjectNode bean(Class<?> type) {
        BeanDeserializerBase bean = beanDeserializer(type);
        RecordSource.Facts facts = sources.of(type);
        ValueInstantiator vi = bean.getValueInstantiator();
        List<ObjectNode> scalars = new ArrayList<>();
        // a creator that refuses every value is there to word the error: the schema leaves its form out
        RecordSource.Scalar ofInt = facts.scalars().get("int");
        RecordSource.Scalar ofDouble = facts.scalars().get("double");
        RecordSource.Scalar ofString = facts.scalars().get("String");
        if ((vi.canCreateFromInt() || vi.canCreateFromLong()) && (ofInt == null || !ofInt.refusesAll())) {
            scalars.add(bounded(F.objectNode().put("type", "integer"), ofInt));
        } else if (vi.canCreateFromDouble() && (ofDouble == null || !ofDouble.refusesAll())) {
            scalars.add(bounded(F.objectNode().put("type", "number"), ofDouble));
        }
        if (vi.canCreateFromString() && (ofString == null || !ofString.refusesAll())) {
            scalars.add(F.objectNode().put("type", "string"));
        }
        if (vi.canCreateFromBoolean()) {
            scalars.add(F.objectNode().put("type", "boolean"));
        }
        boolean delegateOnly = false;
        if (vi.canCreateUsingDelegate()) {
            JavaType d = vi.getDelegateType(mapper.getDeserializationConfig());
            ObjectNode ds = typeSchema(d);
            delegateOnly = d.isMapLikeType() || JsonNode.class.isAssignableFrom(d.getRawClass()) || d.getRawClass() == Object.class;
            scalars.add(ds);
        }
        ObjectNode object = delegateOnly ? null : object(type, bean, facts);
        ObjectNode s;
        if (scalars.isEmpty()) {
            s = object;
        } else if (object == null && scalars.size() == 1) {
            s = scalars.get(0);
        } else {
            s = F.objectNode();
            ArrayNode any = s.putArray("anyOf");
            scalars.forEach(any::add);
            if (object != null) {
                object.remove("description");
                any.add(object);
            }
        }
        if (facts.description() != null && !s.has("description")) {
            ObjectNode withDoc = F.objectNode().put("description", facts.description());
            withDoc.setAll(s);
            s = withDoc;
        }
        return s;
    }

    private static ObjectNode bounded(ObjectNode s, RecordSource.Scalar creator) {
        if (creator != null && creator.minimum() != null) {
            putNumber(s, "minimum", creator.minimum());
        }
        if (creator != null && creator.exclusiveMinimum() != null) {
            putNumber(s, "exclusiveMinimum", creator.exclusiveMinimum());
        }
        return s;
    }

    private BeanDeserializerBase beanDeserializer(Class<?> type) {
        try {
            JsonDeserializer<?> d = io.headroom.yaml.LazyBeans.real(ctxt.findContextualValueDeserializer(mapper.constructType(type), null), ctxt);
            if (d instanceof BeanDeserializerBase b) {
                return b;
            }
            throw new IllegalStateException(type.getName() + " is read by " + d.getClass().getName() + ", not as a record: describe its"
                    + " shape in " + ConfigSchemas.class.getSimpleName());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(type.getName(), e);
        }
    }

    private ObjectNode object(Class<?> type, BeanDeserializerBase bean, RecordSource.Facts facts) {
        ObjectNode s = F.objectNode();
        if (facts.description() != null) {
            s.put("description", facts.description());
        }
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        List<SettableBeanProperty> all = new ArrayList<>();
        bean.properties().forEachRemaining(all::add);
        SettableBeanProperty[] creator = bean.getValueInstantiator().getFromObjectArguments(mapper.getDeserializationConfig());
        if (creator != null) {
            for (SettableBeanProperty p : creator) {
                if (all.stream().noneMatch(q -> q.getName().equals(p.getName()))) {
                    all.add(p);
                }
            }
        }
        all.sort(Comparator.comparingInt((SettableBeanProperty p) -> p instanceof CreatorProperty c ? c.getCreatorIndex() : Integer.MAX_VALUE)
                .thenComparing(SettableBeanProperty::getName));
        Map<String, String> keyOf = new LinkedHashMap<>();
        // a value injected by the reader (a trace's directory) is no key; nor is a "setterless" one, which Jackson would fill by
        // adding to the list a record's accessor returns (immutable: the binder fails on it)
        all.removeIf(p -> p.getInjectableValueId() != null || p instanceof SetterlessProperty);
        for (SettableBeanProperty p : all) {
            String component = componentOf(p.getName(), facts);
            if (component != null) {
                keyOf.put(component, p.getName());
            }
            props.set(p.getName(), property(p, type, facts, component));
        }
        List<String> required = new ArrayList<>();
        for (SettableBeanProperty p : all) {
            if (p.isRequired()) {
                required.add(p.getName());
            }
        }
        for (String c : facts.required()) {
            if (keyOf.containsKey(c) && !required.contains(keyOf.get(c))) {
                required.add(keyOf.get(c));
            }
        }
        if (!required.isEmpty()) {
            ArrayNode r = s.putArray("required");
            required.forEach(r::add);
        }
        ArrayNode rules = F.arrayNode();
        List<List<String>> exclusive = new ArrayList<>(facts.exclusive());
        List<List<String>> oneNeeded = new ArrayList<>(facts.oneNeeded());
        if (type == LoadProfile.class) {
            // the load is one of Gatling's open or closed models or k6's scenarios or stages: its checks span four keys
            List<String> loads = List.of("injection", "closed", "scenarios", "stages");
            exclusive.clear();
            for (int i = 0; i < loads.size(); i++) {
                for (int j = i + 1; j < loads.size(); j++) {
                    exclusive.add(List.of(loads.get(i), loads.get(j)));
                }
            }
            oneNeeded.clear();
            oneNeeded.add(loads);
        }
        for (List<String> pair : exclusive) {
            if (keyOf.containsKey(pair.get(0)) && keyOf.containsKey(pair.get(1))) {
                ObjectNode not = rules.addObject();
                not.put("description", "'" + keyOf.get(pair.get(0)) + "' and '" + keyOf.get(pair.get(1)) + "' exclude each other");
                ArrayNode r = not.putObject("not").putArray("required");
                r.add(keyOf.get(pair.get(0))).add(keyOf.get(pair.get(1)));
            }
        }
        for (List<String> group : oneNeeded) {
            if (group.stream().allMatch(keyOf::containsKey)) {
                ObjectNode any = rules.addObject();
                List<String> keys = group.stream().map(keyOf::get).toList();
                any.put("description", "one of '" + String.join("', '", keys) + "' is needed");
                ArrayNode alts = any.putArray("anyOf");
                keys.forEach(k -> alts.addObject().putArray("required").add(k));
            }
        }
        if (!rules.isEmpty()) {
            s.set("allOf", rules);
        }
        s.put("additionalProperties", !strict(type));
        return s;
    }

    /** False when the binder takes unknown keys (it refuses them unless a record says otherwise). */
    private static boolean strict(Class<?> type) {
        JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
        if (ignore != null && ignore.ignoreUnknown()) {
            return false;
        }
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonAnySetter.class)) {
                return false;
            }
        }
        return true;
    }

    /** The record component a YAML key binds to, by the binder's naming (renamed, or kebab-case of the component). */
    private static String componentOf(String key, RecordSource.Facts facts) {
        for (String c : facts.components()) {
            String renamed = facts.jsonNames().get(c);
            if (key.equals(renamed) || renamed == null && (key.equals(kebab(c)) || key.equals(c))) {
                return c;
            }
        }
        return null;
    }

    private static String kebab(String name) {
        return new PropertyNamingStrategies.KebabCaseStrategy().translate(name);
    }

    private ObjectNode property(SettableBeanProperty p, Class<?> owner, RecordSource.Facts facts, String component) {
        JsonDeserialize using = p.getAnnotation(JsonDeserialize.class);
        ObjectNode s = null;
        if (using != null && !YamlShapes.isNone(using.using())) {
            s = customReader(using.using());
        }
        boolean positive = component != null && facts.positive().contains(component);
        if (s == null) {
            s = positive && p.getType().getRawClass() == Duration.class ? YamlShapes.positiveDuration() : typeSchema(p.getType());
        }
        if (component != null) {
            ObjectNode numeric = numericPart(s);
            if (numeric != null) {
                if (positive) {
                    numeric.put("exclusiveMinimum", 0);
                }
                if (facts.nonNegative().contains(component)) {
                    numeric.put("minimum", 0);
                }
                Double min = facts.minimum().get(component);
                if (min != null) {
                    putNumber(numeric, "minimum", min);
                }
                Double exMin = facts.exclusiveMinimum().get(component);
                if (exMin != null) {
                    putNumber(numeric, "exclusiveMinimum", exMin);
                }
            }
        }
        if (component != null && facts.nonEmpty().contains(component)) {
            String t = s.path("type").asText();
            if (t.equals("array")) {
                s.put("minItems", 1);
            } else if (t.equals("object")) {
                s.put("minProperties", 1);
            }
        }
        AtMost most = p.getAnnotation(AtMost.class);
        if (most != null) {
            Double max = number(most.value());
            ObjectNode numeric = numericPart(s);
            if (max != null && numeric != null) {
                putNumber(numeric, "maximum", max);
            }
        }
        String doc = component == null ? null : facts.params().get(component);
        JsonNode dflt = component == null ? null : defaultValue(facts.defaults().get(component), owner, s);
        if (doc == null && dflt == null) {
            return s;
        }
        ObjectNode out = F.objectNode();
        if (s.has("$ref")) {
            out.putArray("allOf").add(s);
        } else {
            out.setAll(s);
        }
        String shapeDoc = s.has("description") ? s.get("description").asText() : null;
        if (doc != null) {
            out.put("description", shapeDoc == null || s.has("$ref") ? capitalise(doc) : capitalise(doc) + (doc.endsWith(".") ? " " : ". ")
                    + shapeDoc);
        }
        if (dflt != null) {
            out.set("default", dflt);
        }
        return out;
    }

    /** The part of a schema that numbers are checked by: itself, or the number branch of an {@code anyOf}; null if none. */
    private static ObjectNode numericPart(ObjectNode s) {
        if (s.has("type") && (s.get("type").asText().equals("integer") || s.get("type").asText().equals("number"))) {
            return s;
        }
        if (s.has("type") && s.get("type").asText().equals("object") && s.get("additionalProperties") instanceof ObjectNode inner) {
            return numericPart(inner);
        }
        if (s.has("type") && s.get("type").asText().equals("array") && s.get("items") instanceof ObjectNode inner) {
            return numericPart(inner);
        }
        if (s.has("anyOf") && !s.has("$ref")) {
            for (JsonNode alt : s.get("anyOf")) {
                String t = alt.path("type").asText();
                if (t.equals("integer") || t.equals("number")) {
                    return (ObjectNode) alt;
                }
            }
        }
        return null;
    }

    private static void putNumber(ObjectNode s, String key, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            s.put(key, (long) v);
        } else {
            s.put(key, v);
        }
    }

    private static Double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private void describe(ObjectNode s, Class<?> type) {
        String d = sources.of(type).description();
        if (d != null) {
            s.put("description", d);
        }
    }

    // ---- defaults -------------------------------------------------------------------------------------------------

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9_]*(\\.[0-9]+)?([eE]-?[0-9]+)?[LlDdFf]?");
    private static final Pattern DURATION_OF = Pattern.compile("Duration\\.of(Nanos|Millis|Seconds|Minutes|Hours|Days)\\(([0-9_]+)L?\\)");
    private static final Pattern CONSTANT = Pattern.compile("(?:(\\w+)\\.)?([A-Z][A-Z0-9_]*)");

    /** The YAML value a compact constructor's {@code x == null ? EXPR : x} stands for, when EXPR is a constant; else null. */
    private JsonNode defaultValue(String expr, Class<?> owner, ObjectNode schema) {
        if (expr == null) {
            return null;
        }
        if (NUMBER.matcher(expr).matches()) {
            String t = expr.replace("_", "").replaceAll("[LlDdFf]$", "");
            boolean integer = "integer".equals(schema.path("type").asText()) || numericPart(schema) != null
                    && "integer".equals(numericPart(schema).path("type").asText());
            return integer && !t.contains(".") ? F.numberNode(Long.parseLong(t)) : F.numberNode(Double.parseDouble(t));
        }
        if (expr.equals("true") || expr.equals("false")) {
            return F.booleanNode(Boolean.parseBoolean(expr));
        }
        if (expr.matches("\"[^\"\\\\]*\"")) {
            return F.textNode(expr.substring(1, expr.length() - 1));
        }
        if (expr.equals("Duration.ZERO")) {
            return F.textNode("0s");
        }
        Matcher d = DURATION_OF.matcher(expr);
        if (d.matches()) {
            long n = Long.parseLong(d.group(2).replace("_", ""));
            Duration v = switch (d.group(1)) {
                case "Nanos" -> Duration.ofNanos(n);
                case "Millis" -> Duration.ofMillis(n);
                case "Seconds" -> Duration.ofSeconds(n);
                case "Minutes" -> Duration.ofMinutes(n);
                case "Hours" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return F.textNode(Durations.format(v));
        }
        Matcher parse = Pattern.compile("Durations\\.parse\\(\"([^\"]+)\"\\)").matcher(expr);
        if (parse.matches()) {
            return F.textNode(parse.group(1));
        }
        Matcher c = CONSTANT.matcher(expr);
        if (c.matches()) {
            Object v = constant(owner, c.group(1), c.group(2));
            if (v instanceof Duration dur) {
                return F.textNode(Durations.format(dur));
            }
            if (v instanceof Enum<?> e) {
                List<String> yaml = enumNames(e.getDeclaringClass());
                return F.textNode(yaml.get(e.ordinal()));
            }
            if (v instanceof Integer || v instanceof Long) {
                return F.numberNode(((Number) v).longValue());
            }
            if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
                return F.numberNode(n.doubleValue());
            }
            if (v instanceof String || v instanceof Boolean) {
                return v instanceof String str ? F.textNode(str) : F.booleanNode((Boolean) v);
            }
        }
        return null;
    }

    /** The value of a static constant named in {@code owner}'s source: its own, a nested or enclosing type's, or its package's. */
    private static Object constant(Class<?> owner, String typeName, String field) {
        List<Class<?>> candidates = new ArrayList<>();
        if (typeName == null) {
            for (Class<?> c = owner; c != null; c = c.getEnclosingClass()) {
                candidates.add(c);
            }
        } else {
            for (Class<?> c = owner; c != null; c = c.getEnclosingClass()) {
                if (c.getSimpleName().equals(typeName)) {
                    candidates.add(c);
                }
                for (Class<?> nested : c.getDeclaredClasses()) {
                    if (nested.getSimpleName().equals(typeName)) {
                        candidates.add(nested);
                    }
                }
            }
            for (String pkg : List.of(owner.getPackageName(), "io.headroom.yaml", "java.lang")) {
                try {
                    candidates.add(Class.forName(pkg + "." + typeName));
                } catch (ClassNotFoundException ignored) {
                    // not in that package
                }
            }
        }
        for (Class<?> c : candidates) {
            try {
                Field f = c.getDeclaredField(field);
                if (Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    return f.get(null);
                }
            } catch (ReflectiveOperationException ignored) {
                // try the next
            }
        }
        return null;
    }

    /** The names an enum is written with in YAML: its {@code @JsonValue} accessor's, else {@code @JsonProperty}'s, else the constants'. */
    static List<String> enumNames(Class<?> type) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
                return acceptedBy(m, type);
            }
        }
        return io.headroom.yaml.BoundTypes.enumNames(type);
    }

    /**
     * The names an enum's own {@code @JsonCreator} accepts, found by asking it: each constant's name, in lower kebab-case, in
     * Pascal and camel case, and what its text accessors ({@code key()}, {@code toString()}) say; the ones it takes, in the
     * constants' order.
     */
    private static List<String> acceptedBy(Method creator, Class<?> type) {
        creator.setAccessible(true);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Object c : type.getEnumConstants()) {
            String name = ((Enum<?>) c).name();
            List<String> candidates = new ArrayList<>();
            String kebab = name.toLowerCase(Locale.ROOT).replace('_', '-');
            candidates.add(kebab);
            StringBuilder pascal = new StringBuilder();
            for (String w : kebab.split("-")) {
                pascal.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
            candidates.add(pascal.toString());
            candidates.add(Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1));
            candidates.add(name);
            for (Method m : type.getDeclaredMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType() == String.class) {
                    try {
                        m.setAccessible(true);
                        candidates.add((String) m.invoke(c));
                    } catch (ReflectiveOperationException ignored) {
                        // not an accessor
                    }
                }
            }
            candidates.add(c.toString());
            for (String k : candidates) {
                try {
                    if (k != null && creator.invoke(null, k) == c) {
                        out.add(k);
                    }
                } catch (ReflectiveOperationException | RuntimeException refused) {
                    // not a name it takes
                }
            }
        }
        return List.copyOf(out);
    }

    // ---- what the design reader takes out before binding ------------------------------------------------------------

    /**
     * Every component may carry {@code regions:} and {@code tags:}, and every store {@code tags:}: the design reader takes them
     * out before binding ({@code RegionChecks}, {@link Tags}), so no record has them.
     */
    private void designExtras() {
        ObjectNode regions = F.objectNode().put("type", "array");
        regions.putObject("items").put("type", "string");
        regions.put("description", "The regions this component runs in (names declared under the design's regions:; default: the"
                + " first). " + sources.of(classNamed(Design.class.getPackageName() + ".RegionChecks")).description());
        ObjectNode tags = F.objectNode().put("type", "object");
        tags.put("description", sources.of(Tags.class).description());
        tags.put("maxProperties", Tags.MAX_TAGS);
        ObjectNode keys = tags.putObject("propertyNames");
        keys.put("minLength", 1).put("maxLength", 128);
        keys.putObject("not").put("pattern", "^aws:");
        ObjectNode values = tags.putObject("additionalProperties");
        values.putArray("type").add("string").add("number").add("boolean");
        values.put("maxLength", 256);
        for (Map.Entry<String, Class<?>> kind : subtypes(ComponentSpec.class).entrySet()) {
            ObjectNode props = (ObjectNode) definitions.get(names.get(kind.getValue())).get("properties");
            props.set("regions", regions.deepCopy());
            props.set("tags", tags.deepCopy());
        }
        ObjectNode storage = definitions.get(names.get(StorageSpec.class));
        if (storage != null) {
            ObjectNode props = (ObjectNode) (storage.has("properties") ? storage.get("properties")
                    : storage.get("anyOf").get(storage.get("anyOf").size() - 1).get("properties"));
            props.set("tags", tags.deepCopy());
        }
    }

    private static Class<?> classNamed(Class<?> outer, String nested) {
        for (Class<?> c : outer.getDeclaredClasses()) {
            if (c.getSimpleName().equals(nested)) {
                return c;
            }
        }
        throw new IllegalStateException(outer.getName() + " has no nested " + nested);
    }

    private static Class<?> classNamed(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
