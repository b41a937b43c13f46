namespace LegacyStub;

/// <summary>Where the stub listens and which backend credential it demands.</summary>
public sealed record BillingStubOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <c>WireMockServer.Port</c>).</summary>
    public int Port { get; init; }

    /// <summary>The exact <c>Authorization</c> header value every request must carry.</summary>
    public string Credential { get; init; } = "Bearer stub-backend-secret";

    /// <summary>
    /// How many requests <c>WireMockServer.LogEntries</c> keeps; null keeps all (tests assert on them),
    /// a long-running host under load wants a bound.
    /// </summary>
    public int? MaxRequestLogCount { get; init; }
}
