using System.CommandLine;
using Gateway.Audit;
using Gateway.Data;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Cli;

/// <summary><c>gateway audit verify [files…]</c> and <c>gateway audit find-token</c>: the store's audit folder, every chain in it.</summary>
public static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var audit = new Command("audit", "Check and search the store's audit log (CLEF, one JSON event per line, in Gateway:Audit:Path).");

        var files = new Argument<string[]>("files") { Description = "Audit files to check (default: every chain in the store's audit folder).", Arity = ArgumentArity.ZeroOrMore };
        var verify = new Command("verify", "Check every chain's MACs, links and seal; report the first edited, removed, inserted or reordered event and exit 1.") { files };
        verify.SetAction((parse, cancellationToken) => cli.RunAsync(parse, (services, output) => VerifyAsync(services, output, parse.GetValue(files) ?? [], cancellationToken), cancellationToken, readOnly: true));

        var folder = new Option<string?>("--path") { Description = "Folder of the audit files (default: the store's audit folder, Gateway:Audit:Path)." };
        var find = new Command("find-token", "Read a token on stdin and print every audit event of it (matched by its SHA-256, never stored in clear).") { folder };
        find.SetAction((parse, cancellationToken) => cli.RunAsync(parse, (services, output) =>
        {
            var token = ((cli.Input ?? Console.In).ReadLine() ?? "").Trim();
            if (token.Length == 0)
            {
                output.Error("give the token on stdin, e.g. `echo \"$TOKEN\" | gateway audit find-token`.");
                return Task.FromResult(1);
            }

            var needle = System.Text.Encoding.UTF8.GetBytes($"\"HashedToken\":\"{TokenFormat.HashForAudit(token)}\"");
            var path = parse.GetValue(folder) ?? services.GetRequiredService<IOptions<AuditOptions>>().Value.Path;
            var found = 0;
            foreach (var file in AuditFiles(path))
            {
                using var lines = new AuditFileLines(file);
                while (lines.MoveNext())
                {
                    if (lines.Line.IndexOf(needle) >= 0)
                    {
                        output.Line(System.Text.Encoding.UTF8.GetString(lines.Line));
                        found++;
                    }
                }
            }

            parse.InvocationConfiguration.Error.WriteLine($"{found} event(s) of this token in {path}.");
            return Task.FromResult(0);
        }, cancellationToken, readOnly: true));

        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(find);
        return audit;
    }

    private static async Task<int> VerifyAsync(IServiceProvider services, CliOutput output, string[] given, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<AuditOptions>>().Value;
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (given.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            output.Error($"no such file: {missing}");
            return 1;
        }

        var folder = Path.GetFullPath(options.Path);
        var wholeFolder = given.Length == 0;
        IReadOnlyList<string> files = wholeFolder ? AuditFiles(folder) : given;
        if (wholeFolder && files.Count == 0)
        {
            output.Error($"no audit files in {folder} (Gateway:Audit:Path, under the store's data folder).");
            return 1;
        }

        var keys = AuditKeyRing.Load(options, storage, create: false);
        IReadOnlyCollection<AuditSeal>? seals = null;
        string? note = null;
        if (given.All(f => Path.GetDirectoryName(Path.GetFullPath(f)) == folder))
        {
            try
            {
                var store = services.GetRequiredService<AuditSealStore>();
                seals = await store.ListAsync(folder, cancellationToken);
                // A process configured with another Gateway:Audit:Path writes a trail this verify does not see: say where.
                if ((await store.FoldersAsync(cancellationToken)).Where(f => f != folder).ToList() is { Count: > 0 } others)
                {
                    note = $"this store also has audit chains in {string.Join(", ", others)}: verify them with Gateway:Audit:Path set to that folder";
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                note = $"the seals in the store cannot be read ({ex.GetBaseException().Message}); the ends of the chains are not checked";
            }
        }
        else
        {
            note = $"these files are not in the store's audit folder ({folder}); the ends of their chains are not checked against its seals";
        }

        var result = AuditVerifier.Verify(files, keys, seals, wholeFolder);
        if (output.IsJson)
        {
            output.Json(result);
        }
        else
        {
            if (note is not null)
            {
                output.Line($"note: {note}.");
            }

            foreach (var chain in result.Chains ?? [])
            {
                output.Line($"{chain.Chain}: {chain.Events} events, intact; {string.Join("; ", chain.Notes)}.");
            }

            output.Line(result.Intact
                ? $"OK: {result.Events} events in {result.Chains?.Count} chain(s), intact."
                : $"BROKEN: {result.File}{(result.Line is { } line ? $":{line}" : "")}: {result.Problem} ({result.Events} events verified before it).");
        }

        return result.Intact ? 0 : 1;
    }

    private static List<string> AuditFiles(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "audit-*.clef").Order(StringComparer.Ordinal).ToList() : [];
}
