using System.Globalization;

namespace LegacyStub.Api;

/// <summary>
/// The backend's two gates: the shared credential the gateway must present, and the client the gateway
/// stamps in <c>X-Client-Id</c>. A repeated header is ambiguous, so it fails both gates.
/// </summary>
internal static class BackendAuth
{
    public const string AuthorizationHeader = "Authorization";
    public const string ClientIdHeader = "X-Client-Id";

    public static bool HasCredential<TValues>(IEnumerable<KeyValuePair<string, TValues>>? headers, string credential)
        where TValues : IEnumerable<string> =>
        RequestHeaders.Values(headers, AuthorizationHeader) is [var presented]
        && string.Equals(presented, credential, StringComparison.Ordinal);

    public static ClientData? ResolveClient<TValues>(IEnumerable<KeyValuePair<string, TValues>>? headers, BillingData data)
        where TValues : IEnumerable<string> =>
        RequestHeaders.Values(headers, ClientIdHeader) is [var value]
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var clientId)
            ? data.ForClient(clientId)
            : null;
}
