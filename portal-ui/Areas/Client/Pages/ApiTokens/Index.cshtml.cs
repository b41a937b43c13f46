using Gateway.Clients;
using Gateway.Tokens;

namespace PortalUi.Areas.Client.Pages.ApiTokens;

/// <summary>The client's API tokens (seed 000's <c>/client/api-tokens</c>): the list, the create form, and a new token once.</summary>
public sealed class IndexModel(ClientTokenService tokens) : PortalPageModel(tokens)
{
    [BindProperty]
    public ClientTokenForm Form { get; set; } = new();

    public IReadOnlyList<TokenView> List { get; private set; } = [];

    /// <summary>Tokens revoked lately, each with why (leaked: where it was found).</summary>
    public IReadOnlyList<TokenView> Revoked { get; private set; } = [];

    public (string Plaintext, string Name)? Created { get; private set; }

    public DateOnly? LatestExpiry { get; private set; }

    /// <summary>What the last re-authenticated action did, for the notice at the top (never an action itself).</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        Created = NewTokenBox.Take(TempData);
        Form.Scopes = [.. Client.GrantableScopes];
        Form.ExpiresOn = Tokens.DefaultExpiry(Client);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }

        Form.Check(ModelState);
        if (Suspended)
        {
            ModelState.AddModelError("Form", "Your account is suspended: no new tokens can be created until it is active again.");
        }

        if (ModelState.IsValid)
        {
            try
            {
                var created = await Tokens.CreateAsync(ClientId, Form.ToRequest(), HttpContext.RequestAborted);
                NewTokenBox.Keep(TempData, created);
                return Redirect(PortalAuth.HomePath);
            }
            catch (TokenValidationException error)
            {
                PortalForm.AddErrors(ModelState, error);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await LoadClientAsync() is { } refused)
        {
            return refused;
        }

        List = await Tokens.ListAsync(ClientId, HttpContext.RequestAborted);
        Revoked = await Tokens.RecentlyRevokedAsync(ClientId, HttpContext.RequestAborted);
        LatestExpiry = Tokens.LatestExpiry(Client);
        return null;
    }
}
