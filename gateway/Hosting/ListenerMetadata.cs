namespace Gateway.Hosting;

/// <summary>Endpoint metadata: the only listener this endpoint answers on.</summary>
public sealed record ListenerMetadata(string Listener);
