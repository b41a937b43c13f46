using System.Globalization;
using System.Net;
using System.Text.Json;
using Gateway.Proxy;
using Microsoft.Extensions.Options;
using MimeKit;
using Yarp.ReverseProxy;

namespace Gateway.Notices.Email;

/// <summary>
/// Finds a client's e-mail address by asking the billing backend for that client's profile (<c>GET /api/v1/me</c>)
/// exactly as the gateway forwards a request: <c>X-Client-Id</c> plus the cluster's backend credential. The answer
/// must be about that very client; anything else is refused, so a client is never mailed about another.
/// </summary>
public sealed class ClientContacts(
    IHttpClientFactory clients,
    IProxyStateLookup proxy,
    IOptionsMonitor<ProxyOptions> backends,
    IOptionsMonitor<NoticeOptions> notices)
{
    public const string HttpClientName = "notices-backend";

    /// <summary>The client's address, or why there is none (and whether asking again later could help).</summary>
    public async Task<ContactLookup> FindAsync(long clientId, CancellationToken cancellationToken)
    {
        var email = notices.CurrentValue.Email;
        if (!proxy.TryGetCluster(email.ProfileCluster, out var cluster))
        {
            return ContactLookup.Retry($"no cluster '{email.ProfileCluster}' in yarp.json");
        }

        var destinations = cluster.DestinationsState;
        var destination = destinations.AvailableDestinations.Count > 0 ? destinations.AvailableDestinations[0]
            : destinations.AllDestinations.Count > 0 ? destinations.AllDestinations[0] : null;
        if (destination is null || !backends.CurrentValue.Backends.TryGetValue(cluster.ClusterId, out var credential) || credential.Value is null)
        {
            return ContactLookup.Retry($"cluster '{cluster.ClusterId}' has no destination or no backend credential");
        }

        var address = new Uri(new Uri(destination.Model.Config.Address), email.ProfilePath);
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.TryAddWithoutValidation(IdentityHeadersTransform.ClientIdHeader, clientId.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(credential.Header, credential.Value);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return ContactLookup.Permanent($"the backend does not know client {clientId} (HTTP 404)");
        }

        if (!response.IsSuccessStatusCode)
        {
            return ContactLookup.Retry($"the backend answered HTTP {(int)response.StatusCode} for the client's profile");
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var profile = body.RootElement.GetProperty("data");
            if (!profile.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || id.GetInt64() != clientId)
            {
                return ContactLookup.Permanent($"the backend's profile is not client {clientId}'s");
            }

            return profile.TryGetProperty("email", out var value) && value.ValueKind == JsonValueKind.String
                && MailboxAddress.TryParse(value.GetString(), out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal)
                ? ContactLookup.Found(new MailboxAddress(Name(profile), mailbox.Address))
                : ContactLookup.Permanent($"client {clientId} has no usable e-mail address");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return ContactLookup.Retry("the backend's profile is not the expected JSON");
        }
    }

    private static string Name(JsonElement profile)
    {
        var first = profile.TryGetProperty("firstname", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var last = profile.TryGetProperty("lastname", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        return string.Join(' ', new[] { first, last }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}
