package io.vigil.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutboundAddressesTest {

    private final OutboundAddresses strict = OutboundAddresses.allowing("");

    @Test
    void refusesEveryInternalRangeAndAllowsThePublicInternet() {
        for (String internal : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.10",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1",
                "[::1]", "224.0.0.1"}) {
            assertNotNull(strict.refusal(internal), internal + " must be refused");
        }
        for (String open : new String[] {"8.8.8.8", "172.32.0.1", "203.0.113.9", "2001:db8::1", "192.169.0.1"}) {
            assertNull(strict.refusal(open), open + " is public");
        }
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() {
        assertEquals("localhost resolves to 127.0.0.1, an internal address (loopback, link-local, private or reserved)",
                strict.refusal("localhost").replace("0:0:0:0:0:0:0:1", "127.0.0.1"));
        assertNotNull(strict.refusal("no-such-host.invalid"));
    }

    @Test
    void theOperatorMayAllowAnInternalNetworkAndNothingElseWithIt() {
        OutboundAddresses relay = OutboundAddresses.allowing("127.0.0.1/32, 10.20.0.0/16");
        assertNull(relay.refusal("127.0.0.1"));
        assertNull(relay.refusal("10.20.7.1"));
        assertNotNull(relay.refusal("127.0.0.2"));
        assertNotNull(relay.refusal("10.21.0.1"));
        assertNotNull(relay.refusal("169.254.169.254"));
        assertThrows(IllegalArgumentException.class, () -> OutboundAddresses.allowing("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> OutboundAddresses.allowing("intranet"));
    }
}
