using Gateway.Tokens;
using Gateway.Usage;

namespace AdminUi.Pages.Tokens;

/// <summary>One token; right after creation or a roll, its plaintext, once.</summary>
public sealed class DetailsModel(TokenService tokens, TokenUsageService usage) : TokenPageModel(tokens)
{
    public string? Plaintext { get; private set; }

    /// <summary>Requests per day over the last 30 days and the client addresses seen.</summary>
    public TokenUsageReport Usage { get; private set; } = null!;

    public override async Task<IActionResult> OnGetAsync(long id)
    {
        var result = await base.OnGetAsync(id);
        if (result is not PageResult)
        {
            return result;
        }

        Plaintext = NewToken.TakeFor(TempData, id);
        Usage = await usage.GetAsync(id, 30, HttpContext.RequestAborted);
        return Page();
    }
}
