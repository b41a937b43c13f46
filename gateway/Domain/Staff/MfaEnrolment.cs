namespace Gateway.Staff;

/// <summary>What an enrolling staff member adds to their authenticator: the secret (base32, for typing in) and the <c>otpauth://</c> URI (for the QR code).</summary>
public sealed record MfaEnrolment(string Username, string Secret, string Uri);
