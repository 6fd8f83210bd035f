package org.backcare.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * Asked before quarkus-oidc's identity provider: answers the identity remembered for a bearer token verified
 * before, bound to the current request, or nothing, and quarkus-oidc verifies the token as always.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** What quarkus-oidc's mechanism puts in the routing context for the tenant it resolved (OidcUtils). */
    static final String TENANT_ID = "tenant-id";

    /** Marks an identity this provider answered, so that it is not remembered again (its time would grow). */
    static final String REMEMBERED = "org.backcare.security.remembered";

    private final VerifiedTokens tokens;

    public VerifiedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider (the default priority). */
    @Override
    public int priority() {
        return SYSTEM_FIRST * 2;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.getToken().getClass() != AccessTokenCredential.class) {
            return Uni.createFrom().nullItem(); // an ID token of the code flow, or another kind: not ours
        }
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing == null || !(routing.get(TENANT_ID) instanceof String tenant)) {
            return Uni.createFrom().nullItem();
        }
        return tokens.find(tenant, request.getToken().getToken())
                .map(identity -> Uni.createFrom().item(forRequest(identity, routing)))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    /**
     * The identity as it is remembered: without the request quarkus-oidc built it for. Its routing context holds
     * that whole request (body, response, handlers) and would keep it in memory for as long as the token is
     * remembered; each request that finds the identity gets its own (below). A new identity, not
     * {@code builder(identity)}, whose permission check would keep the original (and its request) reachable:
     * quarkus-oidc grants permissions only as the token's scopes, the permissions copied here, and adds no checker.
     */
    static SecurityIdentity detached(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        attributes.remove(AuthenticationRequestContext.class.getName());
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addPermissions(identity.getPermissions())
                .addAttributes(attributes)
                .build();
    }

    /** The remembered identity with the current request's routing context, as quarkus-oidc would set them. */
    private static SecurityIdentity forRequest(SecurityIdentity remembered, RoutingContext routing) {
        return QuarkusSecurityIdentity.builder(remembered)
                .addAttribute(RoutingContext.class.getName(), routing)
                .addAttribute(
                        AuthenticationRequestContext.class.getName(),
                        routing.get(AuthenticationRequestContext.class.getName()))
                .addAttribute(REMEMBERED, Boolean.TRUE)
                .build();
    }
}
