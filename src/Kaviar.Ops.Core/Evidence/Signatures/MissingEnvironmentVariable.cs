using System.Text.RegularExpressions;

namespace Kaviar.Ops.Evidence.Signatures;

/// <summary>
/// The app stops because a setting it requires is not in its environment: <c>Missing required environment variable
/// DATABASE_URL</c>, <c>environment variable X is required</c>, Go envconfig's <c>required key X missing value</c> and
/// env's <c>required environment variable "X" is not set</c>, Prisma's <c>Environment variable not found: X</c>, Spring's
/// <c>Could not resolve placeholder 'X' in value "${X}"</c>, Python's <c>KeyError: 'X'</c> from os.environ.
/// </summary>
internal sealed class MissingEnvironmentVariable : LineSignature
{
    // How far up a Python traceback the os.environ frame stands.
    private const int TracebackLines = 6;

    private const string Name = @"[""'`]?(?<name>[A-Z][A-Z0-9_]*[A-Z0-9])[""'`]?";

    private static readonly Regex Stated = LogPattern.CaseSensitive(
        @"(?i:missing (?:required )?(?:environment|env) (?:variable|var)s?|environment variable not found|required environment variable):?\s+" + Name +
        @"|(?i:required key) " + Name + @" (?i:missing value)" +
        @"|(?i:environment|env) (?i:variable|var)\s+" + Name + @"\s+(?i:is (?:required|missing|not set|not defined|undefined)|must be set|missing|not set)" +
        @"|" + Name + @"\s+(?i:environment variable|env var) (?i:is (?:required|missing|not set|not defined|undefined)|must be set)");

    private static readonly Regex SpringPlaceholder = LogPattern.CaseSensitive(@"Could not resolve placeholder '(?<name>[^']+)' in value");

    private static readonly Regex[] StatedOrPlaceholder = { Stated, SpringPlaceholder };

    private static readonly Regex PythonKeyError = LogPattern.CaseSensitive(@"\bKeyError: '(?<name>[A-Z][A-Z0-9_]*)'");

    // A KeyError is os.environ's when its traceback shows os.environ or os.py's __getitem__.
    private static readonly Regex FromEnviron = LogPattern.Of(@"os\.environ|environ\[|[/\\]os\.py""|<frozen os>");

    public override string Id => "MissingEnvironmentVariable";

    protected override LogMatch? MatchAt(LogLines lines, int index, LogContext context)
    {
        if ((LogPattern.FirstMatch(lines[index], StatedOrPlaceholder) ?? EnvironKeyError(lines, index)) is not Match match)
        {
            return null;
        }

        var variable = match.Groups["name"].Value;
        return Found(index,
            $"The app requires the setting {variable}, which is not in {context.ContainerPhrase}'s environment.",
            LogFacts.Of((LogFacts.Variable, variable)),
            manualFix: $"Add {variable} to {context.ContainerPhrase}'s environment in a new task definition revision (or to its secrets, " +
                       "with valueFrom a Secrets Manager or SSM Parameter Store ARN, for a secret value), then deploy it.");
    }

    /// <summary>
    /// Python's KeyError of an environment name. Names like ID or KEY are ordinary dictionary keys too, so the name
    /// must have an underscore or the traceback above must show os.environ.
    /// </summary>
    private static Match? EnvironKeyError(LogLines lines, int index)
    {
        var keyError = PythonKeyError.Match(lines[index]);
        return keyError.Success && (keyError.Groups["name"].Value.IndexOf('_') > 0 || FromEnviron.IsMatch(lines.Preceding(index, TracebackLines)))
            ? keyError
            : null;
    }
}
