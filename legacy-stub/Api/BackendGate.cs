using WireMock;

namespace LegacyStub.Api;

/// <summary>
/// Wraps a response callback so it answers only behind both gates. The 401 mappings already win on
/// priority; this keeps a callback from ever answering on mapping order alone.
/// </summary>
internal sealed class BackendGate(string credential, BillingData data)
{
    public Func<IRequestMessage, ResponseMessage> Guard(Func<IRequestMessage, ClientData, ResponseMessage> respond) =>
        request => BackendAuth.HasCredential(request.Headers, credential)
            && BackendAuth.ResolveClient(request.Headers, data) is { } client
                ? respond(request, client)
                : ApiResponses.Unauthenticated(request);
}
