using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>A bad scope catalogue fails start naming the entry, the setting and what is accepted.</summary>
internal sealed partial class ScopeCatalogOptionsValidator : IValidateOptions<ScopeCatalogOptions>
{
    public const int MaxDescription = 200;

    public ValidateOptionsResult Validate(string? name, ScopeCatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Scopes.Count == 0)
        {
            errors.Add($"{ScopeCatalogOptions.Section}: no scope is configured; {ScopeCatalogOptions.File} (beside yarp.json) must list at least one, e.g. {{ \"Name\": \"account:read\", \"Description\": \"…\" }}.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Scopes.Count; i++)
        {
            var scope = options.Scopes[i];
            var at = $"{ScopeCatalogOptions.Section}:{i}";
            if (!NamePattern().IsMatch(scope.Name))
            {
                errors.Add($"{at}:Name '{scope.Name}' is not a scope name: 3-64 characters, lower-case letters, digits, '.', '_' and '-' around one ':' (e.g. account:read).");
            }
            else if (!seen.Add(scope.Name))
            {
                errors.Add($"{at}:Name '{scope.Name}' is listed twice.");
            }

            if (string.IsNullOrWhiteSpace(scope.Description) || scope.Description.Length > MaxDescription)
            {
                errors.Add($"{at}:Description (scope '{scope.Name}') must be 1-{MaxDescription} characters: it is shown to staff and in the API docs.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^(?=.{3,64}$)[a-z0-9][a-z0-9._-]*:[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
