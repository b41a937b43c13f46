namespace Gateway.Tokens;

/// <summary>Invalid input for a token change; <see cref="Errors"/> names each bad field. Nothing was saved.</summary>
public sealed class TokenValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
