package org.slaplatform.notification.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The resolver the service uses unless another bean replaces it (a test's, answering on cue). */
@ApplicationScoped
@DefaultBean
public class SystemHostResolver implements HostResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return HostResolver.SYSTEM.resolve(host);
    }
}
