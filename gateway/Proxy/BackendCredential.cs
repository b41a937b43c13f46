namespace Gateway.Proxy;

/// <summary>
/// The credential for one backend cluster. It comes from configuration or the environment
/// (<c>Gateway__Proxy__Backends__billing__Value</c>), never from yarp.json in the repository.
/// </summary>
public sealed class BackendCredential
{
    public string Header { get; set; } = "Authorization";

    public string? Value { get; set; }
}
