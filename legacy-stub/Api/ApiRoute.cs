using System.Text.RegularExpressions;
using WireMock;

namespace LegacyStub.Api;

/// <summary>One GET/HEAD endpoint of the backend: a path template such as <c>/api/v1/invoices/{id}</c> and its handler.</summary>
internal sealed class ApiRoute
{
    private const string IdPlaceholder = "{id}";

    private readonly Regex _path;
    private readonly Func<ApiRequest, ResponseMessage> _handler;

    public ApiRoute(string template, Func<ApiRequest, ResponseMessage> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentNullException.ThrowIfNull(handler);

        Template = template;
        PathPattern = "^" + Regex.Escape(template).Replace(Regex.Escape(IdPlaceholder), "(?<id>[^/]+)", StringComparison.Ordinal) + "$";
        _path = new Regex(PathPattern, RegexOptions.CultureInvariant);
        _handler = handler;
    }

    public string Template { get; }

    /// <summary>The anchored regex WireMock matches the path with; <c>{id}</c> is one non-empty segment.</summary>
    public string PathPattern { get; }

    public ResponseMessage Respond(IRequestMessage request, ClientData client)
    {
        var id = _path.Match(request.Path).Groups["id"];
        return _handler(new ApiRequest(request, client, id.Success ? id.Value : null));
    }
}
