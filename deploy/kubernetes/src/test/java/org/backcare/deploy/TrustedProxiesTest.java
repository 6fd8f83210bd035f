package org.backcare.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every trusted-proxies value the modules ship is a list of IPv4 addresses and CIDRs. Quarkus
 * takes any other entry (a bare IPv6 address such as {@code ::1} included) for a host name and resolves it while
 * it answers a request: that was the 5 s stall of every service's answers found on 2026-12-02 (BENCHMARKS.md).
 * The prod overlay's value is checked with the same rule in {@link ManifestsTest}.
 */
class TrustedProxiesTest {

    private static final String KEY = "quarkus.http.proxy.trusted-proxies";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Z_]+:([^}]*)}");
    private static final Pattern IPV4 =
            Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(/\\d{1,2})?");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/\\d{1,3}");

    @Test
    void everyModulesTrustedProxiesAreAddressesOrCidrsNeverHostNames() {
        Map<String, String> values = new TreeMap<>();
        for (String module : List.of("catalog-service", "session-service", "progress-service", "web-app")) {
            Properties config = ModuleConfig.of(module);
            for (String key : config.stringPropertyNames()) {
                if (key.equals(KEY) || key.endsWith("." + KEY)) {
                    values.put(module + " " + key, config.getProperty(key));
                }
            }
        }
        assertThat(values).as("the modules' trusted proxies").isNotEmpty();
        values.forEach((where, value) -> assertThat(entries(value))
                .as(where + " = " + value)
                .isNotEmpty()
                .allSatisfy(entry -> assertThat(isAddressOrCidr(entry))
                        .as("%s: '%s' is not an IPv4 address or a CIDR", where, entry)
                        .isTrue()));
    }

    /** The value's entries, with a {@code ${VARIABLE:default}} placeholder replaced by its default. */
    static List<String> entries(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        String resolved = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
        List<String> entries = new ArrayList<>();
        for (String entry : resolved.split(",")) {
            if (!entry.isBlank()) {
                entries.add(entry.trim());
            }
        }
        return entries;
    }

    static boolean isAddressOrCidr(String entry) {
        Matcher v4 = IPV4.matcher(entry);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return v4.group(5) == null || Integer.parseInt(v4.group(5).substring(1)) <= 32;
        }
        return IPV6_CIDR.matcher(entry).matches() && Integer.parseInt(entry.substring(entry.indexOf('/') + 1)) <= 128;
    }

    @Test
    void theRuleTellsAddressesAndCidrsFromHostNames() {
        assertThat(List.of("127.0.0.1", "10.0.0.0/8", "::1/128", "fd00::/8"))
                .allSatisfy(e -> assertThat(isAddressOrCidr(e)).as(e).isTrue());
        assertThat(List.of("::1", "localhost", "256.0.0.1", "10.0.0.0/33", "proxy.internal"))
                .allSatisfy(e -> assertThat(isAddressOrCidr(e)).as(e).isFalse());
    }
}
