using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kaviar.Ops.Simulator.Ecs;

/// <summary>Where Fluent Bit writes one awsfirelens container's records in CloudWatch Logs.</summary>
internal sealed record FireLensCloudWatchOutput(string Group, string Stream, bool CreatesGroup);

/// <summary>
/// Fluent Bit as FireLens runs it in a task's log router container (the one with a firelensConfiguration): it keeps
/// running whatever the app does, and sends each awsfirelens container's lines to the output its options name. Only
/// the CloudWatch Logs outputs leave lines in this account: <c>cloudwatch_logs</c> (log_group_name; log_stream_name, or
/// log_stream_prefix followed by the tag) and the older <c>cloudwatch</c> plugin (the same, with $(ecs_task_id),
/// $(ecs_cluster), $(ecs_task_arn), $(tag), $(tag[N]) or a record key in the names, and its default names when one has
/// no value). FireLens tags a container's records "&lt;container&gt;-firelens-&lt;task id&gt;"; a record is sent as JSON
/// (the line in "log", with the container's and, unless enable-ecs-log-metadata is false, the task's metadata), or as
/// the line alone with log_key log. Option keys and the plugin name are read without case, as Fluent Bit reads them.
/// Not modelled: cloudwatch_logs' record accessor templates, a region option naming another region, and Fluentd routers.
/// </summary>
internal static class FireLensRouter
{
    private static readonly Regex Variable = new(@"\$\(([^)]*)\)", RegexOptions.CultureInvariant);

    /// <summary>What the log router container does on start: Fluent Bit's banner in its own log, then it keeps running.</summary>
    public static ContainerStartOutcome Start { get; } = ContainerStartOutcome.KeepsRunning(
        "Fluent Bit v1.9.10",
        "[ info] [fluent bit] version=1.9.10, commit=, pid=1",
        "[ info] [input:forward:forward.0] listening on unix:///var/run/fluent.sock",
        "[ info] [input:forward:forward.1] listening on 127.0.0.1:24224",
        "[ info] [sp] stream processor started");

    /// <summary>The CloudWatch Logs group and stream <paramref name="container"/>'s records go to; null when its log goes elsewhere.</summary>
    public static FireLensCloudWatchOutput? CloudWatchOutput(EcsTask task, EcsContainer container)
    {
        if (container.Definition.FireLensOptions is not { } sent || !task.TaskDefinition.Containers.Any(c => c.FirelensConfiguration is not null))
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in sent)
        {
            options[key] = value;
        }

        var plugin = options.GetValueOrDefault("Name")?.ToLowerInvariant();
        var group = options.GetValueOrDefault("log_group_name");
        var streamName = options.GetValueOrDefault("log_stream_name");
        var prefix = options.GetValueOrDefault("log_stream_prefix");
        if (plugin is not ("cloudwatch_logs" or "cloudwatch") || string.IsNullOrEmpty(group) || (streamName is null) == (prefix is null))
        {
            return null;
        }

        var createsGroup = string.Equals(options.GetValueOrDefault("auto_create_group"), "true", StringComparison.OrdinalIgnoreCase);
        var tag = Tag(task, container);
        if (plugin == "cloudwatch_logs")
        {
            return new FireLensCloudWatchOutput(group, streamName ?? prefix + tag, createsGroup);
        }

        var record = Record(task, container, string.Empty);
        return new FireLensCloudWatchOutput(
            Expand(group, task, tag, record, options.GetValueOrDefault("default_log_group_name") ?? "fluentbit-default", keep: c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/'),
            Expand(streamName ?? prefix + "$(tag)", task, tag, record, options.GetValueOrDefault("default_log_stream_name") ?? "/fluentbit-default", keep: c => c is not (':' or '*')),
            createsGroup);
    }

    /// <summary>What Fluent Bit puts in CloudWatch Logs for one line the container wrote.</summary>
    public static string Message(EcsTask task, EcsContainer container, string line)
    {
        var logKey = container.Definition.FireLensOptions!.FirstOrDefault(o => string.Equals(o.Key, "log_key", StringComparison.OrdinalIgnoreCase)).Value;
        return logKey == "log" ? line : Record(task, container, line).ToJsonString();
    }

    private static string Tag(EcsTask task, EcsContainer container) => $"{container.Name}-firelens-{task.Id}";

    private static JsonObject Record(EcsTask task, EcsContainer container, string line)
    {
        var record = new JsonObject
        {
            ["container_id"] = container.RuntimeId,
            ["container_name"] = $"/ecs-{task.TaskDefinition.Family}-{task.TaskDefinition.Revision}-{container.Name}",
            ["source"] = "stdout",
            ["log"] = line,
        };
        var router = task.TaskDefinition.Containers.First(c => c.FirelensConfiguration is not null).FirelensConfiguration!;
        if (router.Options.GetValueOrDefault("enable-ecs-log-metadata") != "false")
        {
            record["ecs_cluster"] = task.Cluster.Name;
            record["ecs_task_arn"] = task.Arn;
            record["ecs_task_definition"] = task.TaskDefinition.FamilyRevision;
        }

        return record;
    }

    /// <summary>The cloudwatch plugin's $(variable) names: a variable without a value sends to the default name; values lose characters CloudWatch refuses.</summary>
    private static string Expand(string template, EcsTask task, string tag, JsonObject record, string defaultName, Func<char, bool> keep)
    {
        var missing = false;
        var name = Variable.Replace(template, match =>
        {
            var variable = match.Groups[1].Value;
            var value = variable switch
            {
                "ecs_task_id" => task.Id,
                "ecs_cluster" => task.Cluster.Name,
                "ecs_task_arn" => task.Arn,
                "tag" => tag,
                _ when variable.StartsWith("tag[", StringComparison.Ordinal) => tag.Split('.').ElementAtOrDefault(variable[4] - '0'),
                _ => record[variable]?.GetValue<string>(),
            };
            missing |= value is null;
            return new string((value ?? string.Empty).Select(c => keep(c) ? c : '.').ToArray());
        });
        return missing ? defaultName : name;
    }
}
