package io.headroom.design.pricing;

/**
 * AWS's normalization factors for the size flexibility of regional reserved instances (Linux/UNIX, default tenancy):
 * nano 0.25, micro 0.5, small 1, medium 2, large 4, xlarge 8, 2xlarge 16, and N·xlarge 8N (EC2 user guide, "How
 * Reserved Instances are applied", table "Instance size flexibility"; SOURCE-commitments.txt). A regional reservation
 * of a family covers any size of that family by these units: one c6i.xlarge reservation (8 units) covers two
 * c6i.large (4 each), or half of a c6i.2xlarge. Kept here in quarter units (nano = 1) so that sums are exact integers.
 */
public final class Normalization {
    private Normalization() {
    }

    /** The factor of {@code type}'s size in quarter units (c6i.large: 16, i.e. 4), or 0 when its size has none (metal, or no size). */
    public static long quarters(String type) {
        int dot = type.lastIndexOf('.');
        if (dot < 0) {
            return 0;
        }
        String size = type.substring(dot + 1);
        switch (size) {
            case "nano": return 1;
            case "micro": return 2;
            case "small": return 4;
            case "medium": return 8;
            case "large": return 16;
            case "xlarge": return 32;
            default:
                if (size.endsWith("xlarge")) {
                    try {
                        long n = Long.parseLong(size.substring(0, size.length() - "xlarge".length()));
                        return n >= 1 && n <= 1024 ? 32 * n : 0;
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
                return 0;
        }
    }

    /** The factor as AWS writes it (c6i.large: 4.0). */
    public static double factor(String type) {
        return quarters(type) / 4.0;
    }
}
