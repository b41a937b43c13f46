using Gateway.Clients;
using Gateway.Tokens;

namespace PortalUi.Areas.Client.Pages.ApiTokens;

/// <summary>Edits one of the client's tokens (name, allowed IPs, expiry) or rolls it; another client's token is 404.</summary>
public sealed class EditModel(ClientTokenService tokens) : PortalPageModel(tokens)
{
    /// <summary>The roll overlaps a client may pick: at once, an hour, a day, a week.</summary>
    public static readonly IReadOnlyList<(int Seconds, string Label)> Overlaps =
        [(0, "none: the old token stops at once"), (3600, "1 hour"), (86_400, "24 hours"), (604_800, "7 days")];

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public ClientTokenForm Form { get; set; } = new();

    public TokenView Token { get; private set; } = null!;

    public DateOnly? LatestExpiry { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } stop)
        {
            return stop;
        }

        Form = new ClientTokenForm
        {
            Name = Token.Name,
            AllowedIps = string.Join('\n', Token.AllowedIps),
            Expiry = Token.ExpiresOn is null ? "never" : "date",
            ExpiresOn = Token.ExpiresOn,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } stop)
        {
            return stop;
        }

        Form.Check(ModelState);
        if (ModelState.IsValid)
        {
            try
            {
                return await Tokens.EditAsync(ClientId, Id, Form.ToRequest(), HttpContext.RequestAborted) is null
                    ? NotFound()
                    : Redirect(PortalAuth.HomePath);
            }
            catch (TokenValidationException error)
            {
                PortalForm.AddErrors(ModelState, error);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRollAsync(int overlapSeconds)
    {
        if (await LoadAsync() is { } stop)
        {
            return stop;
        }

        if (!Overlaps.Any(o => o.Seconds == overlapSeconds))
        {
            ModelState.AddModelError("overlap", "Pick one of the offered overlaps.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var created = await Tokens.RollAsync(ClientId, Id, TimeSpan.FromSeconds(overlapSeconds), HttpContext.RequestAborted);
            if (created is null)
            {
                return NotFound();
            }

            NewTokenBox.Keep(TempData, created);
            return Redirect(PortalAuth.HomePath);
        }
        catch (TokenValidationException error)
        {
            PortalForm.AddErrors(ModelState, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>The client's token, or 404 (another client's, revoked, or none); the refusal page when the portal is closed to it.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        if (await LoadClientAsync() is { } refused)
        {
            return refused;
        }

        if (await Tokens.GetAsync(ClientId, Id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        LatestExpiry = Tokens.LatestExpiry(Client);
        if (Suspended && !HttpMethods.IsGet(Request.Method))
        {
            ModelState.AddModelError("Form", "Your account is suspended: tokens cannot be changed until it is active again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return null;
    }
}
