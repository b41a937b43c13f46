namespace Gateway.Clients;

/// <summary>Ends a client's portal sessions on every instance (suspend, close); the portal provides it.</summary>
public interface IClientSessions
{
    Task EndAllAsync(long clientId, CancellationToken cancellationToken);
}

/// <summary>Where no portal runs (the CLI, a gateway without one): nothing to end.</summary>
internal sealed class NoClientSessions : IClientSessions
{
    public Task EndAllAsync(long clientId, CancellationToken cancellationToken) => Task.CompletedTask;
}
