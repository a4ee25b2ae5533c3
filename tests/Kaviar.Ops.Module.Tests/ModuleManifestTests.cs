using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Kaviar.Ops.Rehearsal;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

public sealed class ModuleManifestTests : IClassFixture<ModuleSessionFixture>
{
    private readonly ModuleSession session;

    public ModuleManifestTests(ModuleSessionFixture fixture) => session = fixture.Session;

    [Fact]
    public void Test_ModuleManifest_accepts_the_built_manifest()
    {
        var result = session.Invoke("Test-ModuleManifest -Path $args[0]", ModuleSession.ManifestPath);

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var module = Assert.IsType<PSModuleInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("Kaviar.Ops", module.Name);
        Assert.Equal(new Version(5, 1), module.PowerShellVersion);
        Assert.Equal(new[] { "Core", "Desktop" }, module.CompatiblePSEditions.OrderBy(e => e));
    }

    [Fact]
    public void Manifest_lists_every_cmdlet_explicitly_and_the_module_exports_exactly_those()
    {
        // What Import-PowerShellDataFile does (it lives in a module this engine does not have).
        var manifest = (Hashtable)session.Invoke(
            "[System.Management.Automation.Language.Parser]::ParseFile($args[0], [ref]$null, [ref]$null).Find(" +
            "{ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $false).SafeGetValue()",
            ModuleSession.ManifestPath).Output.Single().BaseObject;
        var listed = ((object[])manifest["CmdletsToExport"]!).Cast<string>().ToList();
        var exported = session.Invoke("(Get-Module Kaviar.Ops).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).ToList();

        Assert.DoesNotContain(listed, name => name.Contains('*'));
        Assert.Equal(listed.OrderBy(n => n), exported.OrderBy(n => n));
        Assert.Contains("Kaviar.Ops.Format.ps1xml", ((object[])manifest["FormatsToProcess"]!).Cast<string>());
    }

    [Fact]
    public void No_exported_name_collides_with_an_AWS_Tools_cmdlet()
    {
        var awsToolsNames = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "AwsToolsCmdletNames.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var exported = session.Invoke("(Get-Module Kaviar.Ops).ExportedCommands.Keys").Output.Select(o => o.ToString()).ToList();

        Assert.Contains("Get-ECSService", awsToolsNames); // the comparison is case-insensitive: Get-EcsService is taken
        Assert.NotEmpty(exported);
        Assert.DoesNotContain(exported, awsToolsNames.Contains);
    }

    [Fact]
    public void Every_exported_cmdlet_uses_an_approved_verb()
    {
        var approved = new[] { typeof(VerbsCommon), typeof(VerbsCommunications), typeof(VerbsData), typeof(VerbsDiagnostic),
                typeof(VerbsLifecycle), typeof(VerbsSecurity), typeof(VerbsOther) }
            .SelectMany(type => type.GetFields())
            .Select(field => (string)field.GetValue(null)!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var verbs = session.Invoke("(Get-Module Kaviar.Ops).ExportedCmdlets.Values | ForEach-Object Verb").Output.Select(o => o.ToString()).ToList();

        Assert.NotEmpty(verbs);
        Assert.DoesNotContain(verbs, verb => !approved.Contains(verb));
    }

    [Fact]
    public void Every_exported_cmdlet_has_complete_help_with_examples()
    {
        var commands = session.Invoke("(Get-Module Kaviar.Ops).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).ToList();
        foreach (var command in commands)
        {
            var help = session.Invoke("Get-Help -Name $args[0] -Full", command).Output.Single();
            var synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim() ?? "";
            Assert.False(synopsis.StartsWith(command, StringComparison.OrdinalIgnoreCase), $"{command} has no synopsis (only its syntax).");

            var examples = session.Invoke("@((Get-Help -Name $args[0] -Full).examples.example).Count", command).Output.Single();
            Assert.True((int)examples.BaseObject >= 1, $"{command} has no examples.");

            var undocumented = session.Invoke(
                "$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters;" +
                "(Get-Command $args[0]).Parameters.Keys | Where-Object { $common -notcontains $_ } | Where-Object { " +
                "  -not ((Get-Help $args[0] -Parameter $_).description | ForEach-Object Text) }",
                command).Output.Select(o => o.ToString()).ToList();
            Assert.True(undocumented.Count == 0, $"{command} lacks help for: {string.Join(", ", undocumented)}");
        }
    }

    [Fact]
    public void About_topic_is_shipped_with_the_module()
    {
        var result = session.Invoke("Get-Help about_Kaviar.Ops");

        Assert.Contains("AWS CREDENTIALS, REGION AND ENDPOINT", string.Join("\n", result.Output.Select(o => o.ToString())));
    }
}
