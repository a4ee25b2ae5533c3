using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Kaviar.Ops.Simulator.Protocol;

namespace Kaviar.Ops.Simulator.CloudWatch;

/// <summary>
/// CloudWatch metric alarms over JSON 1.0 (X-Amz-Target: GraniteServiceVersion20100801.*), the protocol the aws CLI
/// picks among those the service model declares. Error codes are the service's Query ones (it is awsQueryCompatible).
/// </summary>
public sealed class CloudWatchHandler : IServiceHandler
{
    private const int MaxAlarmNames = 100;
    private const int MaxDimensions = 30;
    private const int DefaultRecords = 50;

    private static readonly string[] ComparisonOperators =
    {
        "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold",
        "LessThanLowerOrGreaterThanUpperThreshold", "LessThanLowerThreshold", "GreaterThanUpperThreshold",
    };

    private static readonly string[] Statistics = { "SampleCount", "Average", "Sum", "Minimum", "Maximum" };

    private static readonly string[] StateValues = { "OK", "ALARM", "INSUFFICIENT_DATA" };

    private readonly AccountState _state;

    public CloudWatchHandler(AccountState state) => _state = state;

    public string ServiceName => ServiceProtocols.CloudWatch.ServiceName;

    private CloudWatchState CloudWatch => _state.CloudWatch;

    public bool IsMutating(string action) => !ServiceProtocols.IsReadOnlyAction(action);

    public SimulatedResponse Handle(SimulatedRequest request)
    {
        var args = new JsonArgs(request.JsonBody);
        return JsonWire.Ok(request.Action switch
        {
            "PutMetricAlarm" => PutMetricAlarm(args),
            "DescribeAlarms" => DescribeAlarms(args),
            "DeleteAlarms" => DeleteAlarms(args),
            _ => throw AwsErrors.UnknownAction(ServiceProtocols.CloudWatch, request.Action),
        });
    }

    private JsonObject PutMetricAlarm(JsonArgs args)
    {
        var name = Required(args, "AlarmName");
        if (name.Length > 255)
        {
            throw Validation($"1 validation error detected: Value '{name}' at 'alarmName' failed to satisfy constraint: Member must have length less than or equal to 255");
        }

        var comparison = Required(args, "ComparisonOperator");
        if (!ComparisonOperators.Contains(comparison))
        {
            throw Validation($"1 validation error detected: Value '{comparison}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", ComparisonOperators)}]");
        }

        var evaluationPeriods = args.Int("EvaluationPeriods") ?? throw Missing("EvaluationPeriods");
        if (evaluationPeriods < 1)
        {
            throw Validation("1 validation error detected: Value at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }

        var metricName = args.String("MetricName");
        var ns = args.String("Namespace");
        if (metricName is null || ns is null)
        {
            // Metric-math alarms (Metrics) are not simulated: a metric alarm here names its metric.
            throw new AwsErrorException("ValidationError", "Either MetricName and Namespace, or Metrics, must be specified.");
        }

        var statistic = args.String("Statistic");
        var extended = args.String("ExtendedStatistic");
        if ((statistic is null) == (extended is null))
        {
            throw new AwsErrorException("InvalidParameterCombination", "Exactly one of Statistic and ExtendedStatistic must be specified.");
        }

        if (statistic is not null && !Statistics.Contains(statistic))
        {
            throw Validation($"1 validation error detected: Value '{statistic}' at 'statistic' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Statistics)}]");
        }

        var period = args.Int("Period") ?? throw Missing("Period");
        // High-resolution periods are 10, 20 or 30 seconds; any other must be a multiple of 60.
        if (period < 10 || (period >= 60 ? period % 60 != 0 : period is not (10 or 20 or 30)))
        {
            throw Validation("Period must be 10, 20, 30 or a multiple of 60.");
        }

        var threshold = args.Element("Threshold")?.GetDouble() ?? throw Missing("Threshold");
        var datapoints = args.Int("DatapointsToAlarm");
        if (datapoints is int points && (points < 1 || points > evaluationPeriods))
        {
            throw Validation("DatapointsToAlarm must be at least 1 and at most EvaluationPeriods.");
        }

        var dimensions = args.Objects("Dimensions").Select(d => new KeyValuePair<string, string>(Required(d, "Name"), Required(d, "Value"))).ToList();
        if (dimensions.Count > MaxDimensions)
        {
            throw Validation($"1 validation error detected: Value at 'dimensions' failed to satisfy constraint: Member must have length less than or equal to {MaxDimensions}");
        }

        CloudWatch.Put(new MetricAlarm
        {
            Name = name,
            Arn = CloudWatch.AlarmArn(name),
            Description = args.String("AlarmDescription"),
            ActionsEnabled = args.Bool("ActionsEnabled") ?? true,
            AlarmActions = args.Strings("AlarmActions"),
            OkActions = args.Strings("OKActions"),
            InsufficientDataActions = args.Strings("InsufficientDataActions"),
            MetricName = metricName,
            Namespace = ns,
            Statistic = statistic,
            ExtendedStatistic = extended,
            Dimensions = dimensions,
            Period = period,
            Unit = args.String("Unit"),
            EvaluationPeriods = evaluationPeriods,
            DatapointsToAlarm = datapoints,
            Threshold = threshold,
            ComparisonOperator = comparison,
            TreatMissingData = args.String("TreatMissingData"),
            ConfigurationUpdatedAt = _state.Now,
        });
        return new JsonObject();
    }

    private JsonObject DescribeAlarms(JsonArgs args)
    {
        var names = args.Strings("AlarmNames");
        var prefix = args.String("AlarmNamePrefix");
        if (names.Count > 0 && prefix is not null)
        {
            throw new AwsErrorException("InvalidParameterCombination", "AlarmNamePrefix and AlarmNames cannot both be specified.");
        }

        if (names.Count > MaxAlarmNames)
        {
            throw Validation($"1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to {MaxAlarmNames}");
        }

        var stateValue = args.String("StateValue");
        if (stateValue is not null && !StateValues.Contains(stateValue))
        {
            throw Validation($"1 validation error detected: Value '{stateValue}' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", StateValues)}]");
        }

        var records = args.Int("MaxRecords") ?? DefaultRecords;
        if (records < 1 || records > 100)
        {
            throw Validation("1 validation error detected: Value at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and 100");
        }

        var types = args.Strings("AlarmTypes");
        var actionPrefix = args.String("ActionPrefix");
        // Only metric alarms exist here; asking for composite alarms alone lists none.
        var alarms = types.Count > 0 && !types.Contains("MetricAlarm")
            ? new List<MetricAlarm>()
            : CloudWatch.Alarms.Where(a => (names.Count == 0 || names.Contains(a.Name))
                && (prefix is null || a.Name.StartsWith(prefix, StringComparison.Ordinal))
                && (stateValue is null || a.StateValue == stateValue)
                && (actionPrefix is null || a.AlarmActions.Concat(a.OkActions).Concat(a.InsufficientDataActions).Any(x => x.StartsWith(actionPrefix, StringComparison.Ordinal))))
                .ToList();
        var (page, next) = PageToken.Slice(alarms, args.String("NextToken"), records,
            () => new AwsErrorException("InvalidNextToken", "The service couldn't process the token."));
        return new JsonObject
        {
            ["MetricAlarms"] = page.ToJsonArray(AlarmJson),
            ["CompositeAlarms"] = new JsonArray(),
        }.AddIfPresent("NextToken", next);
    }

    private JsonObject DeleteAlarms(JsonArgs args)
    {
        var names = args.Strings("AlarmNames");
        if (names.Count > MaxAlarmNames)
        {
            throw Validation($"1 validation error detected: Value at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to {MaxAlarmNames}");
        }

        // The model lists ResourceNotFound, but the service ignores names it does not have (as moto does): deleting twice succeeds.
        CloudWatch.Delete(names);
        return new JsonObject();
    }

    private static JsonNode AlarmJson(MetricAlarm alarm) => new JsonObject
    {
        ["AlarmName"] = alarm.Name,
        ["AlarmArn"] = alarm.Arn,
        ["AlarmConfigurationUpdatedTimestamp"] = JsonWire.EpochSeconds(alarm.ConfigurationUpdatedAt),
        ["ActionsEnabled"] = alarm.ActionsEnabled,
        ["OKActions"] = alarm.OkActions.ToJsonArray(),
        ["AlarmActions"] = alarm.AlarmActions.ToJsonArray(),
        ["InsufficientDataActions"] = alarm.InsufficientDataActions.ToJsonArray(),
        ["StateValue"] = alarm.StateValue,
        ["StateReason"] = alarm.StateReason,
        ["StateUpdatedTimestamp"] = JsonWire.EpochSeconds(alarm.StateUpdatedAt),
        ["MetricName"] = alarm.MetricName,
        ["Namespace"] = alarm.Namespace,
        ["Dimensions"] = alarm.Dimensions.ToJsonArray(d => new JsonObject { ["Name"] = d.Key, ["Value"] = d.Value }),
        ["Period"] = alarm.Period,
        ["EvaluationPeriods"] = alarm.EvaluationPeriods,
        ["Threshold"] = alarm.Threshold,
        ["ComparisonOperator"] = alarm.ComparisonOperator,
    }
        .AddIfPresent("AlarmDescription", alarm.Description)
        .AddIfPresent("Statistic", alarm.Statistic)
        .AddIfPresent("ExtendedStatistic", alarm.ExtendedStatistic)
        .AddIfPresent("Unit", alarm.Unit)
        .AddIfPresent("DatapointsToAlarm", alarm.DatapointsToAlarm)
        .AddIfPresent("TreatMissingData", alarm.TreatMissingData);

    private static string Required(JsonArgs args, string member) => args.String(member) ?? throw Missing(member);

    private static AwsErrorException Missing(string member) =>
        new("MissingParameter", $"The request must contain the parameter {member}.");

    private static AwsErrorException Validation(string message) => new("ValidationError", message);
}
