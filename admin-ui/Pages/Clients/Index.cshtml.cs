using Gateway.Clients;

namespace AdminUi.Pages.Clients;

/// <summary>Clients with a stored policy or state, and a box to open any client by id.</summary>
public sealed class IndexModel(ClientService clients) : PageModel
{
    public IReadOnlyList<ClientView> Clients { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] long? client)
    {
        if (client is > 0)
        {
            return Redirect($"/clients/{client}");
        }

        Clients = await clients.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
