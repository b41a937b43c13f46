namespace PortalUi;

/// <summary>Tells a provider that cannot be reached or used (down, bad discovery, wrong client credentials) from a forged answer.</summary>
public static class PortalFaults
{
    /// <summary>True for faults of the provider or the network: the client gets the 503 page, never "sign-in refused".</summary>
    public static bool IsProviderUnavailable(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException or IOException or TaskCanceledException or System.Net.Sockets.SocketException:
                    return true;
                // Discovery or key retrieval failed (IDX20803 / IDX20804 / IDX10500-style "unable to obtain configuration").
                case InvalidOperationException when e.Message.Contains("IDX2080", StringComparison.Ordinal):
                    return true;
                // The token endpoint refused the gateway itself (wrong client id or secret): the host's setup, not the client.
                case Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectProtocolException when
                    e.Message.Contains("invalid_client", StringComparison.Ordinal) || e.Message.Contains("unauthorized_client", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }
}
