package io.tunemeld.cache.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ClientRateLimitFilterTest {

    private final ClientRateLimitFilter filter = new ClientRateLimitFilter(5);

    @Test
    void aClientOverItsRateIsRefusedWith429AndOthersAreNot() throws Exception {
        List<Integer> greedy = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            greedy.add(post("203.0.113.7").getStatus());
        }
        MockHttpServletResponse refused = post("203.0.113.7");
        MockHttpServletResponse other = post("198.51.100.2");

        assertThat(greedy.subList(0, 5)).containsOnly(200);
        assertThat(greedy.subList(5, 8)).containsOnly(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentAsString()).contains("more than 5 GraphQL requests a second").contains("GRAPHQL_RATE_LIMIT");
        assertThat(other.getStatus()).as("another client").isEqualTo(200);
    }

    @Test
    void theAllowanceComesBackAfterASecond() throws Exception {
        for (int i = 0; i < 6; i++) {
            post("192.0.2.1");
        }
        assertThat(post("192.0.2.1").getStatus()).isEqualTo(429);
        Thread.sleep(1_100);
        assertThat(post("192.0.2.1").getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse post(String client) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        request.setRemoteAddr(client);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
