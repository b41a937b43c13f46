namespace PortalUi;

/// <summary>Where the portal sends a client it cannot serve: a page that says why, with the right status.</summary>
public static class PortalProblem
{
    public const string Unavailable = "unavailable";
    public const string SignInRefused = "signin-refused";
    public const string Closed = "closed";

    public const string Path = "/client/problem";

    /// <summary>The portal is not open to this client (closed, or staff turned the portal off for it).</summary>
    public static IActionResult Refused() => new RedirectResult($"{Path}/{Closed}");

    public static string PathFor(string kind) => $"{Path}/{kind}";

    /// <summary>Status, title and text of each problem; unknown kinds are a 404.</summary>
    public static (int Status, string Title, string Text)? Describe(string? kind) => kind switch
    {
        Unavailable => (StatusCodes.Status503ServiceUnavailable, "The client area is unavailable",
            "We cannot reach the sign-in service or our token store right now. Nothing was changed. Please try again in a few minutes; your API tokens keep working meanwhile."),
        SignInRefused => (StatusCodes.Status400BadRequest, "Sign-in refused",
            "The answer from the sign-in service could not be verified, so you were not signed in. Start again from the sign-in page."),
        Closed => (StatusCodes.Status403Forbidden, "The client area is not available for your account",
            "Your account is closed, or API token management is not enabled for it. Please contact support."),
        _ => null,
    };
}
