using System;
using System.Text.Json;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.CloudWatch.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.CloudWatch.Internal;

/// <summary>Wire mapping of the CloudWatch operations (awsJson1_0, PascalCase members as in the model, epoch-second timestamps).</summary>
internal static class CloudWatchOperations
{
    internal static readonly ServiceOperation<DescribeAlarmsRequest, DescribeAlarmsResponse> DescribeAlarms = Operation<DescribeAlarmsRequest, DescribeAlarmsResponse>(
        "DescribeAlarms",
        (w, r) =>
        {
            w.Opt("AlarmNames", r.AlarmNames);
            w.Opt("AlarmNamePrefix", r.AlarmNamePrefix);
            w.Opt("AlarmTypes", r.AlarmTypes);
            w.Opt("StateValue", r.StateValue);
            w.Opt("ActionPrefix", r.ActionPrefix);
            w.Opt("MaxRecords", r.MaxRecords);
            w.Opt("NextToken", r.NextToken);
        },
        body => new DescribeAlarmsResponse
        {
            MetricAlarms = body.List("MetricAlarms", a => new MetricAlarm
            {
                AlarmName = a.Str("AlarmName"),
                AlarmArn = a.Str("AlarmArn"),
                AlarmDescription = a.Str("AlarmDescription"),
                ActionsEnabled = a.Bool("ActionsEnabled"),
                AlarmActions = a.Strings("AlarmActions"),
                OKActions = a.Strings("OKActions"),
                InsufficientDataActions = a.Strings("InsufficientDataActions"),
                StateValue = a.Str("StateValue"),
                StateReason = a.Str("StateReason"),
                StateUpdatedTimestamp = a.EpochSeconds("StateUpdatedTimestamp"),
                MetricName = a.Str("MetricName"),
                Namespace = a.Str("Namespace"),
                Statistic = a.Str("Statistic"),
                ExtendedStatistic = a.Str("ExtendedStatistic"),
                Dimensions = a.List("Dimensions", d => new Dimension { Name = d.Str("Name"), Value = d.Str("Value") }),
                Period = a.Int("Period"),
                Unit = a.Str("Unit"),
                EvaluationPeriods = a.Int("EvaluationPeriods"),
                DatapointsToAlarm = a.Int("DatapointsToAlarm"),
                Threshold = a.Double("Threshold"),
                ComparisonOperator = a.Str("ComparisonOperator"),
                TreatMissingData = a.Str("TreatMissingData"),
            }),
            NextToken = body.Str("NextToken"),
        });

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string name, Action<Utf8JsonWriter, TRequest> writeMembers, Func<JsonElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new JsonRpcRequestMarshaller<TRequest>("Amazon.CloudWatch", "GraniteServiceVersion20100801." + name, "2010-08-01", writeMembers, jsonVersion: "1.0"),
            new JsonRpcResponseUnmarshaller<TResponse>(read, CloudWatchErrors.Create));
}
