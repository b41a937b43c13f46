using LegacyStub.Generation;

namespace LegacyStub;

/// <summary>The backend's data set: a fixed group of fictional clients and their records.</summary>
public sealed class BillingData
{
    private static readonly Lazy<BillingData> DefaultInstance = new(CreateDefault);

    private readonly Dictionary<long, ClientData> _clients;

    public BillingData(IEnumerable<ClientData> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);

        _clients = [];
        foreach (var client in clients)
        {
            if (!_clients.TryAdd(client.Id, client))
            {
                throw new ArgumentException($"Client {client.Id} appears twice.", nameof(clients));
            }
        }

        ClientIds = [.. _clients.Keys.Order()];
    }

    /// <summary>The shared default data set; identical on every run.</summary>
    public static BillingData Default => DefaultInstance.Value;

    /// <summary>Client ids, ascending.</summary>
    public IReadOnlyList<long> ClientIds { get; }

    /// <summary>Builds a fresh copy of the default data set (what <see cref="Default"/> holds).</summary>
    public static BillingData CreateDefault() => BillingDataGenerator.Generate();

    public ClientData? ForClient(long clientId) => _clients.GetValueOrDefault(clientId);
}
