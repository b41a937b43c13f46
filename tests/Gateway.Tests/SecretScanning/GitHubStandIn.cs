using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Tests.SecretScanning;

/// <summary>
/// GitHub as the gateway meets it in the partner program: ECDSA P-256 key pairs of its own, the public halves served
/// from a WireMock endpoint in GitHub's key-list format, and reports signed over their raw bytes (base64 DER).
/// </summary>
public sealed class GitHubStandIn : IDisposable
{
    public const string KeysPath = "/meta/public_keys/secret_scanning";
    private readonly Dictionary<string, ECDsa> _keys = [];

    public GitHubStandIn()
    {
        Server = WireMockServer.Start();
        Publish(NewKey("key-1"));
    }

    public WireMockServer Server { get; }

    public string KeysUrl => Server.Url + KeysPath;

    /// <summary>How many times the gateway fetched the key list.</summary>
    public int KeyFetches => Server.LogEntries.Count(e => e.RequestMessage?.Path == KeysPath);

    /// <summary>Makes a new key pair (published only by <see cref="Publish"/>).</summary>
    public string NewKey(string id)
    {
        _keys[id] = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return id;
    }

    /// <summary>Serves exactly these keys from now on (a rotation drops the others).</summary>
    public void Publish(params string[] ids)
    {
        var list = new
        {
            public_keys = ids.Select((id, i) => new { key_identifier = id, key = _keys[id].ExportSubjectPublicKeyInfoPem(), is_current = i == 0 }),
        };
        Server.Reset();
        Server.Given(Request.Create().WithPath(KeysPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(list)));
    }

    /// <summary>The base64 DER signature GitHub would send in <c>Github-Public-Key-Signature</c>.</summary>
    public string Sign(string keyId, byte[] body) =>
        Convert.ToBase64String(_keys[keyId].SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>A report body as GitHub writes it.</summary>
    public static byte[] Report(params (string Token, string Url)[] matches) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(matches.Select(m => new { token = m.Token, type = "opt_live_token", url = m.Url, source = "commit" })));

    /// <summary>The request GitHub would POST: raw body, key id and signature headers.</summary>
    public HttpRequestMessage Post(byte[] body, string keyId = "key-1", string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/secret-scanning/github") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Github-Public-Key-Identifier", keyId);
        request.Headers.Add("Github-Public-Key-Signature", signature ?? Sign(keyId, body));
        return request;
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
