using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Kaviar.Ops.Aws;
using Kaviar.Ops.Completion;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Tab completion of AWS names from the account the command line points at: the -Region, -ProfileName, -EndpointUrl
/// (and -Cluster, for services) already typed, else the shell defaults. Never slow and never an error at the prompt:
/// what cannot be listed within two seconds is simply not offered.
/// </summary>
public abstract class AwsNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(2);

    // Held by name: the cmdlet assembly's public types must load before the engine does (see ModuleAssemblyResolver).
    private readonly string kind;

    protected AwsNameCompleter(string kind)
    {
        this.kind = kind;
    }

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<string> names;
        try
        {
            var context = new OpsContext(new AwsConnectionResolver().Resolve(Options(fakeBoundParameters)));
            var nameKind = (NameKind)Enum.Parse(typeof(NameKind), kind);
            var scope = Text(fakeBoundParameters, nameKind == NameKind.ListenerPort ? "LoadBalancer" : "Cluster");
            names = ResourceNames.List(context, nameKind, scope, Allowed);
        }
        catch (Exception ex) when (ex is OpsException or InvalidOperationException or ArgumentException)
        {
            // No credentials, no region, a name not yet valid: nothing to offer, and nothing to say at the prompt.
            return Array.Empty<CompletionResult>();
        }

        return Offer(names, wordToComplete);
    }

    internal static IEnumerable<CompletionResult> Offer(IEnumerable<string> names, string wordToComplete)
    {
        var typed = wordToComplete.Trim('\'', '"');
        return names.Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n.Any(char.IsWhiteSpace) ? "'" + n + "'" : n, n, CompletionResultType.ParameterValue, n));
    }

    private static AwsConnectionOptions Options(IDictionary bound)
    {
        var options = new AwsConnectionOptions
        {
            Region = Text(bound, "Region"),
            ProfileName = Text(bound, "ProfileName"),
            ProfileLocation = Text(bound, "ProfileLocation"),
            EndpointUrl = Text(bound, "EndpointUrl"),
        };
        // Completion runs inside the running pipeline, where SessionStateProxy is refused; a script block reads the variables.
        ShellDefaults.Read(name => ScriptBlock.Create("$global:" + name).Invoke().FirstOrDefault(), options);
        return options;
    }

    private static string? Text(IDictionary bound, string name) =>
        bound.Contains(name) && bound[name] is { } value ? (value is PSObject wrapped ? wrapped.BaseObject : value).ToString() : null;
}

public sealed class ClusterCompleter : AwsNameCompleter
{
    public ClusterCompleter()
        : base(nameof(NameKind.Cluster))
    {
    }
}

public sealed class ServiceCompleter : AwsNameCompleter
{
    public ServiceCompleter()
        : base(nameof(NameKind.Service))
    {
    }
}

public sealed class LoadBalancerCompleter : AwsNameCompleter
{
    public LoadBalancerCompleter()
        : base(nameof(NameKind.LoadBalancer))
    {
    }
}

public sealed class TargetGroupCompleter : AwsNameCompleter
{
    public TargetGroupCompleter()
        : base(nameof(NameKind.TargetGroup))
    {
    }
}

public sealed class SecurityGroupCompleter : AwsNameCompleter
{
    public SecurityGroupCompleter()
        : base(nameof(NameKind.SecurityGroup))
    {
    }
}

public sealed class FunctionCompleter : AwsNameCompleter
{
    public FunctionCompleter()
        : base(nameof(NameKind.Function))
    {
    }
}

public sealed class SecretCompleter : AwsNameCompleter
{
    public SecretCompleter()
        : base(nameof(NameKind.Secret))
    {
    }
}

public sealed class TaskDefinitionCompleter : AwsNameCompleter
{
    public TaskDefinitionCompleter()
        : base(nameof(NameKind.TaskDefinition))
    {
    }
}

/// <summary>The listener ports of the -LoadBalancer already on the line.</summary>
public sealed class ListenerPortCompleter : AwsNameCompleter
{
    public ListenerPortCompleter()
        : base(nameof(NameKind.ListenerPort))
    {
    }
}

/// <summary>Region names from AWSSDK.Core's own partition data: no call needed.</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        AwsNameCompleter.Offer(ResourceNames.Regions(), wordToComplete);
}
