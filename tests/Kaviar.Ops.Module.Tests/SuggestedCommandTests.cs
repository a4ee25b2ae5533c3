using System.Linq;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Every command line the core can suggest is one the module can run: the command exists, each parameter exists, the
/// parameters fit one parameter set together, and the rendered line parses. Enumerated from the one factory of
/// suggestions, so a new suggestion is checked without a new test.
/// </summary>
public sealed class SuggestedCommandTests : IClassFixture<ModuleSessionFixture>
{
    private const string CheckEverySuggestion = """
        # The engine loads in the module's own load context, out of PowerShell's type-name lookup: found by its assembly.
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Kaviar.Ops.Core' }
        $suggest = $core.GetType('Kaviar.Ops.Kernel.Suggest', $true)
        $methods = $suggest.GetMethods([Reflection.BindingFlags]'Public,Static')
        foreach ($method in $methods) {
            $arguments = @($method.GetParameters() | ForEach-Object {
                if ($_.ParameterType -eq [int]) { 8080 } elseif ($_.ParameterType -eq [string]) { "sample 'value'" } else { $null }
            })
            $suggestion = $method.Invoke($null, [object[]]$arguments)
            $command = Get-Command $suggestion.Name -Module Kaviar.Ops -ErrorAction SilentlyContinue
            if (-not $command) { "$($method.Name): no command $($suggestion.Name)"; continue }
            $names = @($suggestion.Parameters | ForEach-Object Key)
            foreach ($name in $names) {
                if (-not $command.Parameters.ContainsKey($name)) { "$($method.Name): $($suggestion.Name) has no -$name" }
            }
            $fits = $command.ParameterSets | Where-Object {
                $set = $_; $inSet = @($set.Parameters | ForEach-Object Name)
                -not ($names | Where-Object { $_ -notin $inSet }) -and
                -not ($set.Parameters | Where-Object { $_.IsMandatory -and $_.Name -notin $names })
            }
            if (-not $fits) { "$($method.Name): -$($names -join ' -') fit no parameter set of $($suggestion.Name)" }
            $tokens = $null; $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($suggestion.ToString(), [ref]$tokens, [ref]$errors)
            if ($errors) { "$($method.Name): '$suggestion' does not parse: $($errors[0].Message)" }
            "checked $($method.Name)"
        }
        """;

    private readonly ModuleSessionFixture fixture;

    public SuggestedCommandTests(ModuleSessionFixture fixture)
    {
        this.fixture = fixture;
    }

    [Fact]
    public void Every_suggested_command_exists_with_its_parameters_and_parses()
    {
        var result = fixture.Session.Invoke(CheckEverySuggestion);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.True(lines.Count(l => l.StartsWith("checked ")) >= 8, string.Join("\n", lines));
        Assert.DoesNotContain(lines, l => !l.StartsWith("checked "));
    }
}
