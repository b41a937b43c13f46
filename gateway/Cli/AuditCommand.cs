using System.CommandLine;
using Gateway.Audit;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary><c>gateway audit verify &lt;files…&gt;</c> and <c>gateway audit find-token</c>: work on the audit files alone.</summary>
public static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var audit = new Command("audit", "Check and search the audit log files (CLEF, one JSON event per line).");

        var files = new Argument<string[]>("files") { Description = "Audit files, e.g. logs/*.clef (each chain, server and CLI, checked in date order).", Arity = ArgumentArity.OneOrMore };
        var verify = new Command("verify", "Check the hash chain; report the first edited, removed or reordered event and exit 1.") { files };
        verify.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var missing = parse.GetValue(files)!.FirstOrDefault(f => !File.Exists(f));
            if (missing is not null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: no such file: {missing}");
                return 1;
            }

            var result = AuditVerifier.Verify(parse.GetValue(files)!);
            if (result.Intact)
            {
                output.WriteLine($"OK: {result.Events} events, hash chain intact.");
                return 0;
            }

            output.WriteLine($"BROKEN: {result.File}:{result.Line}: {result.Problem} ({result.Events} events verified before it).");
            return 1;
        });

        var folder = new Option<string>("--path") { Description = "Folder of the audit files.", DefaultValueFactory = _ => "logs" };
        var find = new Command("find-token", "Read a token on stdin and print every audit event of it (matched by its SHA-256, never stored in clear).") { folder };
        find.SetAction(parse =>
        {
            var token = ((cli.Input ?? Console.In).ReadLine() ?? "").Trim();
            if (token.Length == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: give the token on stdin, e.g. `echo \"$TOKEN\" | gateway audit find-token`.");
                return 1;
            }

            var needle = $"\"HashedToken\":\"{TokenFormat.HashForAudit(token)}\"";
            var path = parse.GetValue(folder)!;
            var found = 0;
            var auditFiles = Directory.Exists(path) ? Directory.GetFiles(path, "audit-*.clef") : [];
            foreach (var file in auditFiles.Order(StringComparer.Ordinal))
            {
                foreach (var line in File.ReadLines(file).Where(l => l.Contains(needle, StringComparison.Ordinal)))
                {
                    parse.InvocationConfiguration.Output.WriteLine(line);
                    found++;
                }
            }

            parse.InvocationConfiguration.Error.WriteLine($"{found} event(s) of this token in {path}.");
            return 0;
        });

        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(find);
        return audit;
    }
}
