#nullable disable

using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.CloudWatch.Model;

/// <summary>Base of the CloudWatch requests.</summary>
public abstract class AmazonCloudWatchRequest : AmazonWebServiceRequest
{
}

public class DescribeAlarmsRequest : AmazonCloudWatchRequest
{
    public List<string> AlarmNames { get; set; }

    public string AlarmNamePrefix { get; set; }

    /// <summary>MetricAlarm and/or CompositeAlarm; metric alarms only when unset.</summary>
    public List<string> AlarmTypes { get; set; }

    /// <summary>OK, ALARM or INSUFFICIENT_DATA.</summary>
    public string StateValue { get; set; }

    public string ActionPrefix { get; set; }

    /// <summary>1 to 100; 50 when unset.</summary>
    public int? MaxRecords { get; set; }

    public string NextToken { get; set; }
}

public class DescribeAlarmsResponse : AmazonWebServiceResponse
{
    public List<MetricAlarm> MetricAlarms { get; set; }

    public string NextToken { get; set; }
}

public class MetricAlarm
{
    public string AlarmName { get; set; }

    public string AlarmArn { get; set; }

    public string AlarmDescription { get; set; }

    public bool? ActionsEnabled { get; set; }

    public List<string> AlarmActions { get; set; }

    public List<string> OKActions { get; set; }

    public List<string> InsufficientDataActions { get; set; }

    /// <summary>OK, ALARM or INSUFFICIENT_DATA.</summary>
    public string StateValue { get; set; }

    public string StateReason { get; set; }

    public DateTime? StateUpdatedTimestamp { get; set; }

    public string MetricName { get; set; }

    public string Namespace { get; set; }

    /// <summary>SampleCount, Average, Sum, Minimum or Maximum.</summary>
    public string Statistic { get; set; }

    public string ExtendedStatistic { get; set; }

    public List<Dimension> Dimensions { get; set; }

    public int? Period { get; set; }

    public string Unit { get; set; }

    public int? EvaluationPeriods { get; set; }

    public int? DatapointsToAlarm { get; set; }

    public double? Threshold { get; set; }

    /// <summary>GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold…</summary>
    public string ComparisonOperator { get; set; }

    /// <summary>breaching, notBreaching, ignore or missing.</summary>
    public string TreatMissingData { get; set; }
}

public class Dimension
{
    public string Name { get; set; }

    public string Value { get; set; }
}
