using System.Globalization;
using System.Text.Json;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace LegacyStub.Api;

/// <summary>Every response the stub sends, with the headers of the real PHP backend.</summary>
internal static class ApiResponses
{
    public const string ContentType = "application/json; charset=utf-8";
    public const string PoweredBy = "PHP/8.2.12";
    public const string AllowedMethods = "GET, HEAD";

    public static ResponseMessage Ok<T>(IRequestMessage request, T body) => Json(request, 200, body);

    public static ResponseMessage Healthy(IRequestMessage request) =>
        Json(request, 200, new HealthBody("ok"));

    public static ResponseMessage Unauthenticated(IRequestMessage request) =>
        Json(request, 401, new ErrorBody("Unauthenticated."));

    public static ResponseMessage NotFound(IRequestMessage request) =>
        Json(request, 404, new ErrorBody("Not found."));

    public static ResponseMessage MethodNotAllowed(IRequestMessage request)
    {
        var response = Json(request, 405, new ErrorBody("Method not allowed."));
        response.AddHeader("Allow", AllowedMethods);
        return response;
    }

    private static ResponseMessage Json<T>(IRequestMessage request, int status, T body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, StubJson.Options);
        var response = new ResponseMessage { StatusCode = status };
        response.AddHeader("Content-Type", ContentType);
        response.AddHeader("X-Powered-By", PoweredBy);

        if (string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase))
        {
            // HEAD gets GET's headers without the body; WireMock only passes Content-Length through when there is no body.
            response.AddHeader("Content-Length", bytes.Length.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            response.BodyData = new BodyData { BodyAsBytes = bytes, DetectedBodyType = BodyType.Bytes };
        }

        return response;
    }
}
