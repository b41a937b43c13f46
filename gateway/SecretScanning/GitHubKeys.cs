using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Gateway.SecretScanning;

/// <summary>
/// GitHub's secret-scanning public keys, fetched from <see cref="SecretScanningOptions.KeysUrl"/> in GitHub's format
/// <c>{"public_keys":[{"key_identifier","key","is_current"}]}</c> (<c>key</c> is a PEM SubjectPublicKeyInfo of an
/// ECDSA P-256 key), cached, and fetched again when a report names an unknown key — never more often than
/// <see cref="SecretScanningOptions.KeysRefreshMinInterval"/>. Keys GitHub no longer lists are dropped at the next fetch.
/// </summary>
public sealed partial class GitHubKeys(IHttpClientFactory clients, IOptions<SecretScanningOptions> options, TimeProvider time, ILogger<GitHubKeys> logger) : IDisposable
{
    public const string HttpClientName = "github-keys";
    private static readonly Oid NistP256 = new("1.2.840.10045.3.1.7");
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile IReadOnlyDictionary<string, ECDsa>? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    /// <summary>The key with <paramref name="keyId"/>; <see cref="KeyLookup.Unavailable"/> when no key list could ever be fetched.</summary>
    public async Task<(KeyLookup Result, ECDsa? Key)> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        var fresh = time.GetUtcNow() - _fetchedAt < options.Value.KeysCacheFor;
        if (keys is not null && fresh && keys.TryGetValue(keyId, out var known))
        {
            return (KeyLookup.Found, known);
        }

        await RefreshAsync(cancellationToken);
        keys = _keys;
        if (keys is null)
        {
            return (KeyLookup.Unavailable, null);
        }

        return keys.TryGetValue(keyId, out var key) ? (KeyLookup.Found, key) : (KeyLookup.Unknown, null);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (now - _lastAttempt < options.Value.KeysRefreshMinInterval)
            {
                return;
            }

            _lastAttempt = now;
            var fetched = await FetchAsync(cancellationToken);
            if (fetched is not null)
            {
                // Old key objects are left to the collector: a verification in flight may still hold one.
                _keys = fetched;
                _fetchedAt = now;
                Log.KeysFetched(logger, fetched.Count, options.Value.KeysUrl);
            }
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, ECDsa>?> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, settings.KeysUrl);
            request.Headers.Accept.ParseAdd("application/json");
            if (!string.IsNullOrEmpty(settings.KeysToken))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.KeysToken);
            }

            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.FetchFailed(logger, settings.KeysUrl, $"HTTP {(int)response.StatusCode}");
                return null;
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
            foreach (var entry in document.RootElement.GetProperty("public_keys").EnumerateArray())
            {
                var id = entry.GetProperty("key_identifier").GetString();
                var pem = entry.GetProperty("key").GetString();
                if (id is { Length: > 0 } && pem is not null && Import(pem) is { } key)
                {
                    keys[id] = key;
                }
            }

            return keys;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.FetchFailed(logger, settings.KeysUrl, $"{ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    /// <summary>An ECDSA P-256 public key from PEM; null for anything else (another curve, RSA, garbage).</summary>
    private static ECDsa? Import(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.ExportParameters(false).Curve.Oid.Value == NistP256.Value)
            {
                return key;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
        }

        key.Dispose();
        return null;
    }

    public void Dispose() => _fetching.Dispose();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Fetched {Count} GitHub secret-scanning key(s) from {Url}.")]
        public static partial void KeysFetched(ILogger logger, int count, Uri url);

        [LoggerMessage(2, LogLevel.Warning, "GitHub's secret-scanning keys could not be fetched from {Url} ({Detail}); the keys fetched before stay in use.")]
        public static partial void FetchFailed(ILogger logger, Uri url, string detail);
    }
}
