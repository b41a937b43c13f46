using System.CommandLine;

namespace Gateway.Cli;

/// <summary>The staff account a command works on: <c>gateway staff disable alice</c> or <c>… --username alice</c>.</summary>
internal sealed class AccountName
{
    private readonly Argument<string?> _argument = new("username") { Description = "The account (1-50 of A-Z a-z 0-9 - _ ., case-insensitive).", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _option = new("--username") { Description = "The account, as an option (either form works)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(_argument);
        command.Options.Add(_option);
        command.Validators.Add(result =>
        {
            var positional = result.GetValue(_argument);
            var named = result.GetValue(_option);
            if (positional is null && named is null)
            {
                result.AddError("Name the account: `<username>` or --username <username>.");
            }
            else if (positional is not null && named is not null && positional != named)
            {
                result.AddError("<username> and --username name different accounts: give one.");
            }
        });
    }

    public string Get(ParseResult parse) => parse.GetValue(_argument) ?? parse.GetValue(_option)!;
}
