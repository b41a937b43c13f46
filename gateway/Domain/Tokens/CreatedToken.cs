namespace Gateway.Tokens;

/// <summary>A new token and its plaintext, which exists only in this object: it is never stored or logged.</summary>
public sealed record CreatedToken(TokenView Token, string Plaintext);
