using System;
using System.Collections.Generic;
using System.Linq;

namespace Kaviar.Ops.Simulator.CloudWatch;

/// <summary>A metric alarm's configuration as PutMetricAlarm took it, and its state.</summary>
public sealed class MetricAlarm
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? Description { get; init; }

    public bool ActionsEnabled { get; init; } = true;

    public IReadOnlyList<string> AlarmActions { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> OkActions { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> InsufficientDataActions { get; init; } = Array.Empty<string>();

    public required string MetricName { get; init; }

    public required string Namespace { get; init; }

    public string? Statistic { get; init; }

    public string? ExtendedStatistic { get; init; }

    /// <summary>In the order given; at most 30.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Dimensions { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    public int Period { get; init; }

    public string? Unit { get; init; }

    public int EvaluationPeriods { get; init; }

    public int? DatapointsToAlarm { get; init; }

    public double Threshold { get; init; }

    public required string ComparisonOperator { get; init; }

    public string? TreatMissingData { get; init; }

    public DateTime ConfigurationUpdatedAt { get; init; }

    /// <summary>INSUFFICIENT_DATA until the alarm has data; an update keeps the state it had.</summary>
    public string StateValue { get; internal set; } = "INSUFFICIENT_DATA";

    public string StateReason { get; internal set; } = "Unchecked: Initial alarm creation";

    public DateTime StateUpdatedAt { get; internal set; }
}

/// <summary>The region's CloudWatch metric alarms, by name.</summary>
public sealed class CloudWatchState
{
    private readonly SortedDictionary<string, MetricAlarm> _alarms = new(StringComparer.Ordinal);

    public CloudWatchState(AccountState account) => Account = account;

    public AccountState Account { get; }

    /// <summary>In name order, as DescribeAlarms lists them.</summary>
    public IReadOnlyList<MetricAlarm> Alarms => _alarms.Values.ToList();

    public string AlarmArn(string name) => $"arn:aws:cloudwatch:{Account.Region}:{Account.AccountId}:alarm:{name}";

    public MetricAlarm? Find(string name) => _alarms.TryGetValue(name, out var alarm) ? alarm : null;

    /// <summary>Creates the alarm, or replaces an existing one's configuration while keeping its state (PutMetricAlarm).</summary>
    public MetricAlarm Put(MetricAlarm alarm)
    {
        if (_alarms.TryGetValue(alarm.Name, out var existing))
        {
            alarm.StateValue = existing.StateValue;
            alarm.StateReason = existing.StateReason;
            alarm.StateUpdatedAt = existing.StateUpdatedAt;
        }
        else
        {
            alarm.StateUpdatedAt = Account.Now;
        }

        _alarms[alarm.Name] = alarm;
        return alarm;
    }

    public void Delete(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            _alarms.Remove(name);
        }
    }
}
