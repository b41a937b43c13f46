namespace Gateway.Data;

/// <summary>
/// A data change that goes with a schema migration but needs the domain's rules (so it is code, not SQL in the
/// migration): run after every migration, by the server and the CLI alike, and a no-op once done.
/// </summary>
public interface IStoreUpgrade
{
    Task RunAsync(CancellationToken cancellationToken);
}
