using WireMock;

namespace LegacyStub.Api;

/// <summary>A request that passed both gates: the client is known, <see cref="Id"/> is the raw <c>{id}</c> segment if the route has one.</summary>
internal sealed class ApiRequest(IRequestMessage message, ClientData client, string? id)
{
    public ClientData Client { get; } = client;

    public string? Id { get; } = id;

    public ResponseMessage Data<T>(T value) => ApiResponses.Ok(message, new DataEnvelope<T>(value));

    public ResponseMessage List<T>(IReadOnlyList<T> items) =>
        ApiResponses.Ok(message, PageRequest.FromQuery(message.RawQuery).Slice(items));

    public ResponseMessage NotFound() => ApiResponses.NotFound(message);
}
