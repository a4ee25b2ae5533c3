using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Kaviar.Ops.AwsServices.Lambda.Model;
using Kaviar.Ops.Kernel;
using Kaviar.Ops.Lint.Lambda.Rules;
using Kaviar.Ops.Network;

namespace Kaviar.Ops.Lint.Lambda;

/// <summary>
/// Checks a Lambda function's configuration with its rules: live (GetFunctionConfiguration, and the network path
/// through <see cref="LambdaNetworkPathInspector"/>), or a proposed configuration read from a file with no AWS call.
/// </summary>
public static class LambdaConfigurationChecker
{
    public static readonly IReadOnlyList<LintRule<LambdaSubject>> Rules = new LintRule<LambdaSubject>[]
    {
        new LambdaReservedEnvironmentName(),
        new LambdaTimeoutTooShort(),
        new LambdaNetworkPath(),
        new LambdaSecretInEnvironment(),
        new LambdaDuplicateTagKeys(),
    };

    public static LambdaConfigurationReport Check(LambdaSubject subject, FindingSeverity minimumSeverity)
    {
        var (findings, skipped) = LintRun.Run(Rules, subject);
        return new LambdaConfigurationReport
        {
            FunctionName = subject.FunctionName,
            Passed = findings.All(f => f.Level != FindingSeverity.Error),
            Findings = FindingSeverities.AtLeast(findings, minimumSeverity),
            Skipped = skipped,
        };
    }

    /// <summary>The live function, its network path checked as Test-LambdaNetworkPath checks it (with the database when named).</summary>
    public static async Task<LambdaConfigurationReport> CheckLiveAsync(OpsContext context, LambdaNetworkPathRequest request, int? minimumTimeout,
        FindingSeverity minimumSeverity)
    {
        var inspector = new LambdaNetworkPathInspector(context);
        var configuration = await inspector.ConfigurationAsync(request.Function, context.CancellationToken).ConfigureAwait(false);
        var subject = new LambdaSubject(configuration.FunctionName, configuration.FunctionArn)
        {
            Environment = configuration.Environment?.Variables ?? new Dictionary<string, string>(),
            Timeout = configuration.Timeout,
            TagKeys = ((await context.Lambda.ListTagsAsync(new ListTagsRequest { Resource = configuration.FunctionArn }, context.CancellationToken).ConfigureAwait(false)).Tags
                ?? new Dictionary<string, string>()).Keys.ToList(),
            MinimumTimeout = minimumTimeout,
            NetworkChecks = await inspector.InspectAsync(request, configuration, context.CancellationToken).ConfigureAwait(false),
        };
        return context.Stamp(Check(subject, minimumSeverity));
    }

    private const string What = "Lambda function configuration";
    private const string Accepted = "the JSON that 'aws lambda create-function --cli-input-json' takes, or what 'aws lambda get-function' answers";

    /// <summary>
    /// A proposed configuration from a file, with no AWS call: the JSON 'aws lambda create-function --cli-input-json'
    /// takes, or what 'aws lambda get-function' (Configuration and Tags) or 'get-function-configuration' answer.
    /// </summary>
    public static LambdaSubject ReadFile(string path, int? minimumTimeout) =>
        Parse(ConfigurationFile.ReadText(path, What, "aws lambda get-function --function-name <name>"), path, minimumTimeout);

    public static LambdaSubject Parse(string text, string source, int? minimumTimeout) =>
        ConfigurationFile.Parse(text, source, What, Accepted, root =>
        {
            var configuration = root.TryGetProperty("Configuration", out var described) && described.ValueKind == JsonValueKind.Object ? described : root;
            if (!configuration.TryGetProperty("FunctionName", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw ConfigurationFile.Invalid(source, What, Accepted, "it has no FunctionName");
            }

            return new LambdaSubject(name.GetString()!, source)
            {
                Environment = configuration.TryGetProperty("Environment", out var environment) && environment.TryGetProperty("Variables", out var variables)
                    ? variables.EnumerateObject().ToDictionary(v => v.Name, v => v.Value.GetString() ?? "", StringComparer.Ordinal)
                    : new Dictionary<string, string>(),
                Timeout = configuration.TryGetProperty("Timeout", out var timeout) ? timeout.GetInt32() : null,
                // JSON keeps both spellings of a key (project, Project) as members of the Tags object.
                TagKeys = root.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Object ? tags.EnumerateObject().Select(t => t.Name).ToList() : null,
                MinimumTimeout = minimumTimeout,
            };
        });
}
