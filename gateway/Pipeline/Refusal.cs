using Gateway.Audit;
using Gateway.Hosting;

namespace Gateway.Pipeline;

/// <summary>
/// One way the public API says no: the reason the audit log records and the answer the client gets (DESIGN §5),
/// defined together so that neither can be written without the other. Written through <see cref="Refusals"/>.
/// </summary>
/// <param name="Reason">The audit reason (<see cref="AuditReason"/>).</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Message">The public <c>{"message"}</c>.</param>
/// <param name="ClientFault">
/// True when the request itself was at fault (no, bad or dead credential, no such route, a method or body the API
/// never takes): refused without an identity, it counts against the address in the failed-auth limiter. False for
/// the gateway's own trouble (store, audit log, backend) and for limits of an identified token.
/// </param>
public sealed record Refusal(string Reason, int Status, string Message, bool ClientFault)
{
    public static readonly Refusal MissingToken = Unauthenticated(AuditReason.MissingToken);
    public static readonly Refusal MalformedToken = Unauthenticated(AuditReason.MalformedToken);
    public static readonly Refusal UnknownToken = Unauthenticated(AuditReason.UnknownToken);
    public static readonly Refusal RevokedToken = Unauthenticated(AuditReason.RevokedToken);
    public static readonly Refusal ExpiredToken = Unauthenticated(AuditReason.ExpiredToken);

    /// <summary>A valid token of a client the billing system suspended: the same 401, but not a guess, so the address is not charged.</summary>
    public static readonly Refusal ClientSuspended = Unauthenticated(AuditReason.ClientSuspended) with { ClientFault = false };

    /// <summary>A valid token of a closed client whose revocation may still be under way: as <see cref="ClientSuspended"/>.</summary>
    public static readonly Refusal ClientClosed = Unauthenticated(AuditReason.ClientClosed) with { ClientFault = false };
    public static readonly Refusal ScopeMissing = new(AuditReason.ScopeMissing, StatusCodes.Status403Forbidden, ErrorResponses.ScopeMissing, false);
    public static readonly Refusal IpNotAllowed = new(AuditReason.IpNotAllowed, StatusCodes.Status403Forbidden, ErrorResponses.IpNotAllowed, false);
    public static readonly Refusal HttpsRequired = new(AuditReason.HttpsRequired, StatusCodes.Status403Forbidden, ErrorResponses.HttpsRequired, true);
    public static readonly Refusal NotFound = new(AuditReason.NotFound, StatusCodes.Status404NotFound, ErrorResponses.NotFound, true);
    public static readonly Refusal MethodNotAllowed = new(AuditReason.MethodNotAllowed, StatusCodes.Status405MethodNotAllowed, ErrorResponses.MethodNotAllowed, true);
    public static readonly Refusal BodyNotAllowed = new(AuditReason.BodyNotAllowed, StatusCodes.Status400BadRequest, ErrorResponses.BodyNotAllowed, true);
    public static readonly Refusal BadRequest = new(AuditReason.BadRequest, StatusCodes.Status400BadRequest, ErrorResponses.BadRequest, true);
    public static readonly Refusal AuthRateLimited = new(AuditReason.AuthRateLimited, StatusCodes.Status429TooManyRequests, ErrorResponses.TooManyRequests, true);
    public static readonly Refusal RateLimited = new(AuditReason.RateLimited, StatusCodes.Status429TooManyRequests, ErrorResponses.TooManyRequests, false);
    public static readonly Refusal StoreUnavailable = new(AuditReason.StoreUnavailable, StatusCodes.Status503ServiceUnavailable, ErrorResponses.ServiceUnavailable, false);
    public static readonly Refusal AuditUnavailable = new(AuditReason.AuditUnavailable, StatusCodes.Status503ServiceUnavailable, ErrorResponses.ServiceUnavailable, false);
    public static readonly Refusal UpstreamUnavailable = new(AuditReason.UpstreamError, StatusCodes.Status502BadGateway, ErrorResponses.UpstreamUnavailable, false);
    public static readonly Refusal UpstreamTimedOut = new(AuditReason.UpstreamTimeout, StatusCodes.Status504GatewayTimeout, ErrorResponses.UpstreamTimedOut, false);
    public static readonly Refusal ServerError = new(AuditReason.ServerError, StatusCodes.Status500InternalServerError, ErrorResponses.ServerError, false);

    /// <summary>The client went away mid-request: nothing can be answered, the audit log still says why it ended (nginx's 499).</summary>
    public static readonly Refusal ClientAborted = new(AuditReason.ClientAborted, 499, ErrorResponses.BadRequest, false);

    /// <summary>One answer for every authentication failure (DESIGN §5); only the audit log tells them apart.</summary>
    public static Refusal Unauthenticated(string reason) => new(reason, StatusCodes.Status401Unauthorized, ErrorResponses.Unauthenticated, true);

    /// <summary>
    /// The refusal for a status the framework produced without a body (routing's 404 and 405, a 400 or 413 from the
    /// server for a request it could not read): the one place where a bare status becomes a recorded refusal.
    /// </summary>
    public static Refusal ForFrameworkStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        >= 500 => ServerError,
        _ => BadRequest with { Status = status },
    };
}
