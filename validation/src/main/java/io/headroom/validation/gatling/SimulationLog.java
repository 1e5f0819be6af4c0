package io.headroom.validation.gatling;

import io.gatling.charts.stats.LogFileParser;
import io.gatling.core.stats.writer.RecordHeader;
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the requests of a Gatling 3.15 {@code simulation.log} (a binary format) with Gatling's own
 * {@link LogFileParser} primitives, in the record layout its report generator reads (the run record: header
 * byte, version, simulation class, start time, description, scenarios, assertions; then user, request, group
 * and error records, each behind its {@link RecordHeader} byte, until -1). A request record gives its name,
 * start and end (milliseconds after the run's start) and OK/KO; the status code is not in the log, so a KO
 * becomes status 0 (an error) and an OK 200. This is Gatling's internal format: it is read only for
 * Gatling 3.15 logs, and an unknown record fails with a clear message.
 */
final class SimulationLog extends LogFileParser<List<RecordedRequest>> {

    SimulationLog(File file) {
        super(file);
    }

    @Override
    public List<RecordedRequest> parse() {
        readByte(); // the run record's header
        readString(); // Gatling's version
        readString(); // simulation class
        long runStart = readLong();
        readString(); // run description
        int scenarios = readInt();
        for (int i = 0; i < scenarios; i++) {
            readString();
        }
        int assertions = readInt();
        for (int i = 0; i < assertions; i++) {
            skip(readInt());
        }
        byte user = RecordHeader.User$.MODULE$.value();
        byte request = RecordHeader.Request$.MODULE$.value();
        byte group = RecordHeader.Group$.MODULE$.value();
        byte error = RecordHeader.Error$.MODULE$.value();
        List<RecordedRequest> out = new ArrayList<>();
        while (true) {
            int h = read();
            if (h == -1) {
                break;
            }
            byte b = (byte) h;
            if (b == user) {
                readInt();
                readBoolean();
                readInt();
            } else if (b == request) {
                int groups = readInt();
                for (int i = 0; i < groups; i++) {
                    readCachedSanitizedString();
                }
                String name = readCachedSanitizedString();
                int start = readInt();
                int end = readInt();
                boolean ok = readBoolean();
                readCachedSanitizedString(); // message
                out.add(new RecordedRequest(start, end - start, end - start, ok ? 200 : 0, name));
            } else if (b == group) {
                int groups = readInt();
                for (int i = 0; i < groups; i++) {
                    readCachedSanitizedString();
                }
                readInt();
                readInt();
                readInt();
                readBoolean();
            } else if (b == error) {
                readCachedSanitizedString();
                readInt();
            } else {
                throw new IllegalStateException("unknown record type " + b + " (a simulation.log of Gatling 3.15 is expected)");
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        out.sort(Comparator.comparingDouble(RecordedRequest::startMs));
        double t0 = out.get(0).startMs();
        List<RecordedRequest> rel = new ArrayList<>(out.size());
        for (RecordedRequest r : out) {
            rel.add(new RecordedRequest(r.startMs() - t0, r.responseMs(), r.gatlingMs(), r.status(), r.endpoint()));
        }
        return rel;
    }
}
