using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Kaviar.Ops.AwsServices.ECS.Model;

namespace Kaviar.Ops.Ecs;

/// <summary>
/// Where one container of a task definition writes its log, read from its logConfiguration: the one way the module
/// finds a task's log group and stream.
/// <para>awslogs: the stream is prefix/container/task-id (Fargate requires the prefix); awslogs-region, when set, wins
/// over the task's region.</para>
/// <para>awsfirelens with Fluent Bit's CloudWatch outputs (option keys and the plugin name are read without case, as
/// Fluent Bit reads them): <c>cloudwatch_logs</c> writes to log_group_name and to log_stream_name, or to
/// log_stream_prefix followed by the record's tag, which FireLens sets to "&lt;container&gt;-firelens-&lt;task id&gt;";
/// its log_group_template/log_stream_template (record accessor syntax) win when they translate, else the plain options
/// are used. The older <c>cloudwatch</c> plugin expands $(ecs_task_id), $(ecs_cluster), $(ecs_task_arn), $(tag) and
/// $(tag[N]) in log_group_name and log_stream_name (log_stream_prefix is log_stream_name "prefix$(tag)"), and writes to
/// default_log_group_name/default_log_stream_name when a variable has no value. A name built from a field of each
/// record ($(key), $key['sub']) or a random one ($(uuid)) cannot be known here, and is said so. Both use their region
/// option, else the task's.</para>
/// Any other driver or FireLens destination is named, so a report can say where the log went rather than that it is missing.
/// </summary>
public sealed class ContainerLogLocation
{
    public const string AwsLogsDriver = "awslogs";

    public const string FireLensDriver = "awsfirelens";

    private readonly TaskName? group;
    private readonly TaskName? stream;
    private readonly string? whyUnreadable;

    private ContainerLogLocation(string container, string? driver, string region, string? destination, TaskName? group, TaskName? stream, string? whyUnreadable)
    {
        Container = container;
        Driver = driver;
        Region = region;
        Destination = destination;
        this.group = group;
        this.stream = stream;
        this.whyUnreadable = whyUnreadable;
    }

    public string Container { get; }

    /// <summary>The log driver, or null when the container has no logConfiguration (its output is lost on Fargate).</summary>
    public string? Driver { get; }

    /// <summary>The region of the log group: awslogs-region or the FireLens output's region option, else the task's.</summary>
    public string Region { get; }

    /// <summary>The Fluent Bit output a FireLens container sends to (its Name option: cloudwatch_logs, firehose…); null for other drivers.</summary>
    public string? Destination { get; }

    /// <summary>The log group every task of this container writes to; null when there is none, or its name depends on the task.</summary>
    public string? LogGroup => group?.Fixed;

    /// <summary>True when a task's log group and stream can be known.</summary>
    public bool IsReadable => whyUnreadable == null;

    /// <summary>The log group of one task's container, or null when <see cref="IsReadable"/> is false.</summary>
    /// <param name="taskArn">The task's ARN (its id and, for templates, the ARN itself).</param>
    /// <param name="cluster">The task's cluster, by name or ARN.</param>
    public string? GroupFor(string taskArn, string cluster) => IsReadable ? group!.For(TaskValues.Of(Container, taskArn, cluster)) : null;

    /// <summary>The stream of one task's container, or null when <see cref="IsReadable"/> is false.</summary>
    /// <param name="taskArn">The task's ARN (its id and, for templates, the ARN itself).</param>
    /// <param name="cluster">The task's cluster, by name or ARN.</param>
    public string? StreamFor(string taskArn, string cluster) => IsReadable ? stream!.For(TaskValues.Of(Container, taskArn, cluster)) : null;

    /// <summary>Why this container's log cannot be read from CloudWatch Logs, or null when it can.</summary>
    public string? WhyUnreadable() => whyUnreadable;

    /// <summary>What to check when the log group is missing: the options that name it.</summary>
    public string GroupSettings => Driver == FireLensDriver ? "log_group_name (and region) in its FireLens options" : "awslogs-group (and awslogs-region)";

    /// <summary>What to check when the stream is missing: the options that name it, and who writes it.</summary>
    public string StreamSettings => Driver == FireLensDriver
        ? "log_stream_name or log_stream_prefix in its FireLens options, that the log router container ran, and the task role's " +
          "logs:CreateLogStream and logs:PutLogEvents permissions (Fluent Bit writes with the task role)"
        : "awslogs-stream-prefix and the execution role's logs:CreateLogStream and logs:PutLogEvents permissions";

    public static ContainerLogLocation Of(ContainerDefinition container, string taskRegion)
    {
        var configuration = container.LogConfiguration;
        var name = container.Name;
        return configuration?.LogDriver switch
        {
            null => Unreadable(name, null, taskRegion, $"Container {name} has no logConfiguration: what it writes is not kept."),
            AwsLogsDriver => AwsLogs(name, configuration.Options ?? new Dictionary<string, string>(), taskRegion),
            FireLensDriver => FireLens(name, WithoutCase(configuration.Options), taskRegion),
            var other => Unreadable(name, other, taskRegion, $"Container {name} logs with the {other} driver, not to CloudWatch Logs."),
        };
    }

    /// <summary>Every container of a task definition, essential ones first.</summary>
    public static IReadOnlyList<ContainerLogLocation> Of(TaskDefinition definition, string taskRegion) =>
        (definition.ContainerDefinitions ?? new List<ContainerDefinition>())
            .OrderByDescending(c => c.Essential ?? true)
            .Select(c => Of(c, taskRegion))
            .ToList();

    private static ContainerLogLocation Unreadable(string container, string? driver, string region, string why, string? destination = null, TaskName? group = null) =>
        new ContainerLogLocation(container, driver, region, destination, group, null, why);

    /// <summary>Fluent Bit reads option keys without case; of two keys differing only in case, the last one wins here.</summary>
    private static IReadOnlyDictionary<string, string> WithoutCase(Dictionary<string, string>? options)
    {
        var read = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in options ?? new Dictionary<string, string>())
        {
            read[option.Key] = option.Value;
        }

        return read;
    }

    private static string? Option(IReadOnlyDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static ContainerLogLocation AwsLogs(string container, IReadOnlyDictionary<string, string> options, string taskRegion)
    {
        var region = Option(options, "awslogs-region") ?? taskRegion;
        var group = Option(options, "awslogs-group") is { } name ? TaskName.Literal(name) : null;
        var prefix = Option(options, "awslogs-stream-prefix");
        if (group == null)
        {
            return Unreadable(container, AwsLogsDriver, region, $"Container {container} uses awslogs without awslogs-group.");
        }

        return prefix == null
            ? Unreadable(container, AwsLogsDriver, region, $"Container {container} uses awslogs without awslogs-stream-prefix, so its stream is named after the container id.", group: group)
            : new ContainerLogLocation(container, AwsLogsDriver, region, null, group, new TaskName(null, task => $"{prefix}/{task.Container}/{task.TaskId}"), null);
    }

    /// <summary>FireLens outputs by their Fluent Bit plugin name, for saying where a container's log went instead.</summary>
    private static readonly IReadOnlyDictionary<string, string> Destinations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["firehose"] = "Kinesis Data Firehose",
        ["kinesis_firehose"] = "Kinesis Data Firehose",
        ["kinesis_streams"] = "Kinesis Data Streams",
        ["kinesis"] = "Kinesis Data Streams",
        ["s3"] = "Amazon S3",
        ["es"] = "Elasticsearch/OpenSearch",
        ["opensearch"] = "OpenSearch",
        ["datadog"] = "Datadog",
        ["splunk"] = "Splunk",
        ["newrelic"] = "New Relic",
        ["loki"] = "Loki",
        ["http"] = "an HTTP endpoint",
        ["forward"] = "another Fluentd/Fluent Bit (forward)",
    };

    private static ContainerLogLocation FireLens(string container, IReadOnlyDictionary<string, string> options, string taskRegion)
    {
        var region = Option(options, "region") ?? taskRegion;
        var plugin = Option(options, "Name");
        if (plugin == null)
        {
            var output = Option(options, "@type") is { } fluentd ? $"the Fluentd output {fluentd}" : "the outputs of its log router's own configuration";
            return Unreadable(container, FireLensDriver, region, $"Container {container} sends its log through FireLens to {output}, which this module does not read.");
        }

        if (string.Equals(plugin, "cloudwatch_logs", StringComparison.OrdinalIgnoreCase) || string.Equals(plugin, "cloudwatch", StringComparison.OrdinalIgnoreCase))
        {
            return FireLensToCloudWatch(container, plugin.ToLowerInvariant(), options, region);
        }

        var destination = Destinations.TryGetValue(plugin, out var known) ? $"{known} ({plugin})" : plugin;
        return Unreadable(container, FireLensDriver, region, $"Container {container} sends its log to {destination} through FireLens, not to CloudWatch Logs.", plugin);
    }

    private static ContainerLogLocation FireLensToCloudWatch(string container, string plugin, IReadOnlyDictionary<string, string> options, string region)
    {
        var goPlugin = plugin == "cloudwatch";
        string Says(string what) => $"Container {container} sends its log through FireLens to CloudWatch Logs ({plugin}), {what}";
        ContainerLogLocation Refused(string what, TaskName? group = null) => Unreadable(container, FireLensDriver, region, Says(what), plugin, group);

        var groupName = Option(options, "log_group_name");
        if (groupName == null)
        {
            return Refused("but names no log_group_name: Fluent Bit refuses the output and the log router stops.");
        }

        var streamName = Option(options, "log_stream_name");
        var streamPrefix = Option(options, "log_stream_prefix");
        if (streamName != null && streamPrefix != null)
        {
            return Refused("with both log_stream_name and log_stream_prefix, which the plugin refuses: the log router stops.");
        }

        if (streamName == null && streamPrefix == null)
        {
            return Refused("without log_stream_name or log_stream_prefix, which the plugin requires: the log router stops.");
        }

        var group = goPlugin
            ? GoTemplate.Parse(groupName, "log_group_name", Option(options, "default_log_group_name") ?? "fluentbit-default", GoTemplate.SanitizeGroup)
            : RecordAccessorTemplate.Parse(Option(options, "log_group_template"), "log_group_template", CLiteral(groupName, "log_group_name"));
        if (group.Unknown != null)
        {
            return Refused($"but its log group is named by {group.Unknown}, which cannot be known outside Fluent Bit.");
        }

        var stream = goPlugin
            ? GoTemplate.Parse(streamName ?? streamPrefix + "$(tag)", streamName == null ? "log_stream_prefix" : "log_stream_name",
                Option(options, "default_log_stream_name") ?? "/fluentbit-default", GoTemplate.SanitizeStream)
            : RecordAccessorTemplate.Parse(Option(options, "log_stream_template"), "log_stream_template",
                streamName != null ? CLiteral(streamName, "log_stream_name") : Named.Known(new TaskName(null, task => streamPrefix + task.Tag)));
        if (stream.Unknown != null)
        {
            return Refused($"to log group {group.Name!.Fixed ?? groupName}, but its stream is named by {stream.Unknown}, which cannot be known outside Fluent Bit.", group.Name);
        }

        return new ContainerLogLocation(container, FireLensDriver, region, plugin, group.Name, stream.Name, null);
    }

    /// <summary>
    /// A cloudwatch_logs name option is used as written; a $(…) in it is the cloudwatch plugin's syntax, which
    /// cloudwatch_logs documents no expansion for, so the name it ends up with is not known.
    /// </summary>
    private static Named CLiteral(string value, string option) =>
        value.IndexOf("$(", StringComparison.Ordinal) >= 0
            ? Named.NotKnown($"{option} \"{value}\" (a $(…) variable of the older cloudwatch plugin; cloudwatch_logs documents no expansion for it)")
            : Named.Known(TaskName.Literal(value));

    /// <summary>What is known of a task: the values a log group or stream name can use.</summary>
    private sealed class TaskValues
    {
        private TaskValues(string container, string taskArn, string cluster)
        {
            Container = container;
            TaskArn = taskArn;
            TaskId = EcsNames.TaskId(taskArn);
            Cluster = EcsNames.ClusterName(cluster);
        }

        public string Container { get; }

        public string TaskArn { get; }

        public string TaskId { get; }

        public string Cluster { get; }

        /// <summary>The Fluent Bit tag FireLens gives a container's records.</summary>
        public string Tag => $"{Container}-firelens-{TaskId}";

        public static TaskValues Of(string container, string taskArn, string cluster) => new TaskValues(container, taskArn, cluster);
    }

    /// <summary>How each task's log group or stream is named: <see cref="Fixed"/> when every task's is the same.</summary>
    private sealed class TaskName
    {
        private readonly Func<TaskValues, string> name;

        public TaskName(string? fixedName, Func<TaskValues, string> name)
        {
            Fixed = fixedName;
            this.name = name;
        }

        public string? Fixed { get; }

        public string For(TaskValues task) => name(task);

        public static TaskName Literal(string value) => new TaskName(value, _ => value);
    }

    /// <summary>A name option read: how tasks' names are made, or what in it cannot be known.</summary>
    private readonly struct Named
    {
        private Named(TaskName? name, string? unknown)
        {
            Name = name;
            Unknown = unknown;
        }

        public TaskName? Name { get; }

        public string? Unknown { get; }

        public static Named Known(TaskName name) => new Named(name, null);

        public static Named NotKnown(string what) => new Named(null, what);
    }

    /// <summary>The cloudwatch (Go) plugin's $(variable) templates.</summary>
    private static class GoTemplate
    {
        private static readonly Regex Variable = new Regex(@"\$\((?<name>[^)]*)\)", RegexOptions.CultureInvariant);
        private static readonly Regex TagPart = new Regex(@"^tag\[(?<index>[0-9])\]$", RegexOptions.CultureInvariant);

        /// <summary>The plugin replaces what a log group name may not hold in a variable's value with '.'.</summary>
        public static string SanitizeGroup(string value) =>
            new string(value.Select(c => char.IsLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' || c == '/' ? c : '.').ToArray());

        /// <summary>The plugin replaces ':' and '*', which a stream name may not hold, in a variable's value with '.'.</summary>
        public static string SanitizeStream(string value) => value.Replace(':', '.').Replace('*', '.');

        /// <param name="fallback">The plugin's default name, used when a variable has no value.</param>
        public static Named Parse(string template, string option, string fallback, Func<string, string> sanitize)
        {
            var variables = Variable.Matches(template).Cast<Match>().ToList();
            if (variables.Count == 0)
            {
                return Named.Known(TaskName.Literal(template));
            }

            var values = new List<Func<TaskValues, string?>>();
            foreach (var variable in variables)
            {
                var name = variable.Groups["name"].Value;
                Func<TaskValues, string?>? value = name switch
                {
                    "ecs_task_id" => task => task.TaskId,
                    "ecs_cluster" => task => task.Cluster,
                    "ecs_task_arn" => task => task.TaskArn,
                    "tag" => task => task.Tag,
                    _ when TagPart.Match(name) is { Success: true } part => TagPartOf(int.Parse(part.Groups["index"].Value)),
                    _ => null,
                };
                if (value == null)
                {
                    var what = name == "uuid" ? "a random string each log router start makes" : "a field of each log record";
                    return Named.NotKnown($"{option} \"{template}\" ($({name}) is {what})");
                }

                values.Add(value);
            }

            return Named.Known(new TaskName(null, task =>
            {
                var name = new StringBuilder();
                var at = 0;
                for (var i = 0; i < variables.Count; i++)
                {
                    if (values[i](task) is not { } value)
                    {
                        return fallback;
                    }

                    name.Append(template, at, variables[i].Index - at).Append(sanitize(value));
                    at = variables[i].Index + variables[i].Length;
                }

                return name.Append(template, at, template.Length - at).ToString();
            }));
        }

        /// <summary>$(tag[N]): the tag split on periods; a part it does not have leaves the variable without a value.</summary>
        private static Func<TaskValues, string?> TagPartOf(int index) => task =>
        {
            var parts = task.Tag.Split('.');
            return index < parts.Length ? parts[index] : null;
        };
    }

    /// <summary>cloudwatch_logs' log_group_template/log_stream_template, in Fluent Bit's record accessor syntax.</summary>
    private static class RecordAccessorTemplate
    {
        private static readonly Regex Accessor = new Regex(@"\$(?<key>[A-Za-z0-9_\-]+)(?<subkeys>(\[[^\]]*\])*)", RegexOptions.CultureInvariant);

        /// <param name="template">The template option, or null when it is not set.</param>
        /// <param name="otherwise">The plain options' name, used when there is no template or it does not translate.</param>
        public static Named Parse(string? template, string option, Named otherwise)
        {
            if (template == null)
            {
                return otherwise;
            }

            var accessors = Accessor.Matches(template).Cast<Match>().ToList();
            var record = accessors.FirstOrDefault(a => a.Groups["key"].Value != "TAG");
            if (record != null)
            {
                return Named.NotKnown($"{option} \"{template}\" ({record.Value} is a field of each log record)");
            }

            // FireLens tags have no periods (container names cannot hold one), so $TAG[N] past 0 does not translate.
            if (accessors.Any(a => a.Groups["subkeys"].Value is var index && index.Length > 0 && index != "[0]"))
            {
                return otherwise;
            }

            return Named.Known(new TaskName(accessors.Count == 0 ? template : null, task => Accessor.Replace(template, _ => task.Tag)));
        }
    }
}
