using System.Net.Http.Headers;
using System.Text;
using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Notices.Webhooks;

/// <summary>
/// POSTs one event to one configured endpoint as JSON, <c>{"id","type","created","data"}</c>, signed with the
/// endpoint's secret (<see cref="WebhookSignature"/>). Any 2xx is delivered; anything else is retried with backoff.
/// </summary>
public sealed class WebhookNotifier(IHttpClientFactory clients, IOptionsMonitor<NoticeOptions> options, TimeProvider time)
{
    public const string HttpClientName = "notices-webhooks";

    public async Task<AttemptResult> SendAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!options.CurrentValue.Webhooks.TryGetValue(delivery.Target, out var endpoint) || endpoint.Url is null || endpoint.Secret is null)
        {
            return AttemptResult.Permanent($"no webhook endpoint '{delivery.Target}' is configured any more");
        }

        var body = Body(delivery.Event);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        // Signed at send time: every retry carries a fresh timestamp inside the receiver's tolerance window.
        request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(endpoint.Secret, time.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventIdHeader, delivery.Event.PublicId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.EventTypeHeader, delivery.Event.Type);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(endpoint.Timeout);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = $"HTTP {(int)response.StatusCode}";
            return response.IsSuccessStatusCode ? AttemptResult.Sent(status) : AttemptResult.Retry(status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Retry($"no answer within {endpoint.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Retry($"{ex.HttpRequestError}: {ex.Message}");
        }
    }

    /// <summary>The JSON body: the event's own data, wrapped with its id, type and time.</summary>
    public static byte[] Body(OutboxEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", e.PublicId);
            json.WriteString("type", e.Type);
            json.WriteNumber("created", new DateTimeOffset(e.OccurredAt, TimeSpan.Zero).ToUnixTimeSeconds());
            json.WritePropertyName("data");
            json.WriteRawValue(e.Data);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
