using Microsoft.AspNetCore.Http;

namespace LegacyStub.Provider.Pages;

/// <summary>
/// The fields the provider's own forms add to the OpenID Connect parameters they carry back. They are
/// never copied into the hidden fields again, so a redisplayed form does not repeat a password.
/// </summary>
internal static class FormFields
{
    public const string Email = "email";
    public const string Password = "password";
    public const string Action = "stub_action";
    public const string Antiforgery = "__stub_antiforgery";

    public const string SignIn = "sign-in";
    public const string Cancel = "cancel";
    public const string SignOut = "sign-out";

    private static readonly HashSet<string> Own = new(StringComparer.Ordinal) { Email, Password, Action, Antiforgery };

    /// <summary>
    /// A POST of one of the provider's forms, as opposed to a relying party sending its request by POST.
    /// Reads the form (OpenIddict usually has already), so <see cref="HttpRequest.Form"/> is safe to use after it.
    /// </summary>
    public static async Task<bool> IsSubmissionAsync(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.HasFormContentType
        && (await request.ReadFormAsync(request.HttpContext.RequestAborted)).ContainsKey(Action);

    /// <summary>The protocol parameters of this request (query or form), to carry through a form unchanged.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ProtocolParameters(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source =
            HttpMethods.IsPost(request.Method) && request.HasFormContentType ? request.Form : request.Query;
        return source
            .Where(pair => !Own.Contains(pair.Key))
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? "")));
    }
}
