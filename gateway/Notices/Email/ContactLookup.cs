using MimeKit;

namespace Gateway.Notices.Email;

/// <summary>A client's address, or why there is none.</summary>
public sealed record ContactLookup(MailboxAddress? Address, AttemptResult? Failure)
{
    public static ContactLookup Found(MailboxAddress address) => new(address, null);

    public static ContactLookup Retry(string why) => new(null, AttemptResult.Retry(why));

    public static ContactLookup Permanent(string why) => new(null, AttemptResult.Permanent(why));
}
