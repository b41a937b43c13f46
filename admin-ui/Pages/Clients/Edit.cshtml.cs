using Gateway.Clients;
using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Clients;

/// <summary>One client: its policy (portal, scopes, most live tokens, maximum lifetime) and its state (suspend, resume, close).</summary>
public sealed class EditModel(ClientService clients) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public ClientView Client { get; private set; } = null!;

    [BindProperty]
    public bool PortalAllowed { get; set; }

    [BindProperty]
    public List<string> PortalScopes { get; set; } = [];

    [BindProperty]
    public int MaxLiveTokens { get; set; }

    [BindProperty]
    public int? MaxLifetimeDays { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id <= 0)
        {
            return NotFound();
        }

        await LoadAsync();
        PortalAllowed = Client.Policy.PortalAllowed;
        PortalScopes = [.. Client.GrantableScopes];
        MaxLiveTokens = Client.Policy.MaxLiveTokens;
        MaxLifetimeDays = Client.Policy.MaxLifetimeDays;
        return Page();
    }

    // Auditors may read this page; only admins change anything (the page is not a write page as a whole).
    public async Task<IActionResult> OnPostPolicyAsync()
    {
        if (!User.IsInRole(StaffRoles.Admin))
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return await RefuseAsync();
        }

        var edit = new ClientPolicyEdit
        {
            PortalAllowed = PortalAllowed,
            // Every scope ticked means "every scope", so a scope added to the catalogue later is included too.
            PortalScopes = new Change<IReadOnlyList<string>?>(ScopeCatalog.All.All(PortalScopes.Contains) ? null : PortalScopes),
            MaxLiveTokens = MaxLiveTokens,
            MaxLifetimeDays = new Change<int?>(MaxLifetimeDays),
        };
        try
        {
            await clients.SetPolicyAsync(Id, edit, AdminAuth.Actor(User), HttpContext.RequestAborted);
            return Redirect($"/clients/{Id}");
        }
        catch (TokenValidationException error)
        {
            Tokens.FormErrors.Add(ModelState, error);
            return await RefuseAsync();
        }
    }

    public async Task<IActionResult> OnPostStateAsync(string state, string? reason)
    {
        if (!User.IsInRole(StaffRoles.Admin))
        {
            return Forbid();
        }

        var actor = AdminAuth.Actor(User);
        var cancellationToken = HttpContext.RequestAborted;
        try
        {
            _ = state switch
            {
                "suspend" => await clients.SuspendAsync(Id, actor, reason, cancellationToken),
                "resume" => await clients.ResumeAsync(Id, actor, reason, cancellationToken),
                "close" => await clients.CloseAsync(Id, actor, reason, cancellationToken),
                _ => null,
            };
        }
        catch (TokenValidationException error)
        {
            Tokens.FormErrors.Add(ModelState, error);
            return await RefuseAsync();
        }

        return Redirect($"/clients/{Id}");
    }

    private async Task LoadAsync() => Client = await clients.GetAsync(Id, HttpContext.RequestAborted);

    private async Task<IActionResult> RefuseAsync()
    {
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
