{{/* Chart name. */}}
{{- define "dualstack-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release name, plus the chart name unless the release name contains it. */}}
{{- define "dualstack-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "dualstack-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dualstack-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dualstack-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "dualstack-operator.labels" -}}
helm.sh/chart: {{ include "dualstack-operator.chart" . }}
{{ include "dualstack-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: dualstack-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "dualstack-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dualstack-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Leader election is on when forced or when more than one replica runs. */}}
{{- define "dualstack-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicas) 1) }}true{{ else }}false{{ end }}
{{- end }}

{{/* Namespace of the BYO kubeadm-join ConfigMaps. */}}
{{- define "dualstack-operator.joinNamespace" -}}
{{- default .Release.Namespace .Values.joinNamespace }}
{{- end }}

{{/* The capabilities override as file content ("" when none). */}}
{{- define "dualstack-operator.capabilities" -}}
{{- $o := .Values.capabilities.override }}
{{- if $o }}
{{- if kindIs "string" $o }}{{ $o }}{{ else }}{{ toYaml $o }}{{ end }}
{{- end }}
{{- end }}

{{- define "dualstack-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The admission webhook's object names. */}}
{{- define "dualstack-operator.webhookService" -}}
{{- printf "%s-webhook" (include "dualstack-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dualstack-operator.webhookSecret" -}}
{{- printf "%s-webhook-tls" (include "dualstack-operator.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The webhook's client config for one path: the URL when webhook.url is set, else the Service. */}}
{{- define "dualstack-operator.webhookClientConfig" -}}
{{- if .root.Values.webhook.url }}
url: {{ printf "%s%s" (trimSuffix "/" .root.Values.webhook.url) .path | quote }}
{{- else }}
service:
  name: {{ include "dualstack-operator.webhookService" .root }}
  namespace: {{ .root.Release.Namespace }}
  path: {{ .path }}
  port: 443
{{- end }}
{{- end }}

{{/* The host of webhook.url (a name for the operator-managed certificate), "" when unset. */}}
{{- define "dualstack-operator.webhookUrlHost" -}}
{{- with .Values.webhook.url }}{{ (urlParse .).hostname }}{{ end }}
{{- end }}
