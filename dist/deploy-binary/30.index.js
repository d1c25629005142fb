export const id = 30;
export const ids = [30];
export const modules = {

/***/ 1030:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ssm: () => (/* binding */ Ssm),
/* harmony export */   connect: () => (/* binding */ connect),
/* harmony export */   targetText: () => (/* binding */ targetText)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4736);
/* harmony import */ var _common_aws__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2064);
/* harmony import */ var _common_errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1922);



/**
 * The SSM calls deploy-binary makes, each labelled with what it attempts and bound to the run's
 * AbortSignal through the call layer (src/common/aws.ts). The only module that loads the SSM
 * client: main.ts imports it dynamically. Per-call limits: at most 50 instance ids per
 * SendCommand / CancelCommand and per filter, 5 Targets, 50 invocations a page (AWS_LIMITS).
 */
class Ssm {
    calls;
    client;
    constructor(calls) {
        this.calls = calls;
        this.client = calls.client(_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .SSMClient */ .jBj);
    }
    /** The managed-instance records of the given ids (every page, 50 ids per filter). */
    async describeInstances(ids) {
        const out = [];
        for (const batch of (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(ids, _common_aws__WEBPACK_IMPORTED_MODULE_0__/* .AWS_LIMITS */ .RR.ssmInstanceIds)) {
            out.push(...(await this.calls.all(`describe the SSM managed instances ${batch.join(', ')}`, (o) => (0,_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeInstanceInformation */ .KKC)({ client: this.client, pageSize: 50 }, { Filters: [{ Key: 'InstanceIds', Values: batch }] }, o), (page) => page.InstanceInformationList)));
        }
        return out;
    }
    /** The managed instances the targets match (tag filters: every one must match, as in SendCommand). */
    async describeTargets(targets) {
        return this.calls.all(`find the SSM managed instances matching ${targets.map(targetText).join(' and ')}`, (o) => (0,_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeInstanceInformation */ .KKC)({ client: this.client, pageSize: 50 }, { Filters: targets.map((t) => ({ Key: t.Key, Values: t.Values })) }, o), (page) => page.InstanceInformationList);
    }
    async sendCommand(input, what) {
        const out = await this.calls.send(what, (o) => this.client.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .SendCommandCommand */ .VWR(input), o));
        return out.Command ?? {};
    }
    async getCommand(commandId, signal) {
        const out = await this.calls.send(`read SSM command ${commandId}`, (o) => this.client.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .ListCommandsCommand */ .I$q({ CommandId: commandId }), o), signal === undefined ? this.calls.signal : signal);
        return out.Commands?.[0];
    }
    /**
     * Every invocation of a command with its plugin details (50 a page, every page); with
     * `signal: null`, for the report after the run was cancelled.
     */
    async listInvocations(commandId, signal) {
        return this.calls.all(`list the invocations of SSM command ${commandId}`, (o) => (0,_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .paginateListCommandInvocations */ .ayw)({ client: this.client, pageSize: _common_aws__WEBPACK_IMPORTED_MODULE_0__/* .AWS_LIMITS */ .RR.ssmListCommandInvocations }, { CommandId: commandId, Details: true }, o), (page) => page.CommandInvocations, signal === undefined ? this.calls.signal : signal);
    }
    /** One invocation's output (stdout up to 24,000 characters, stderr up to 8,000); undefined until visible. */
    async getInvocation(commandId, instanceId) {
        try {
            return await this.calls.send(`read the output of SSM command ${commandId} on ${instanceId}`, (o) => this.client.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .GetCommandInvocationCommand */ .ryN({ CommandId: commandId, InstanceId: instanceId }), o));
        }
        catch (error) {
            const cause = error instanceof Error ? error.cause : undefined;
            if ((0,_common_errors__WEBPACK_IMPORTED_MODULE_1__/* .awsErrorCode */ .J6)(cause ?? error) === 'InvocationDoesNotExist')
                return undefined;
            throw error;
        }
    }
    /**
     * Cancels a command (every invocation, or the given instances, 50 ids a call). Sent without
     * the run's signal: it is the cleanup of a cancelled run and must still go out.
     */
    async cancel(commandId, instanceIds) {
        const batches = instanceIds?.length ? (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(instanceIds, _common_aws__WEBPACK_IMPORTED_MODULE_0__/* .AWS_LIMITS */ .RR.ssmInstanceIds) : [undefined];
        for (const batch of batches)
            await this.calls.send(`cancel SSM command ${commandId}`, (o) => this.client.send(new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_2__/* .CancelCommandCommand */ .tal({ CommandId: commandId, InstanceIds: batch }), o), null);
    }
}
function targetText(target) {
    return `${target.Key}=${target.Values.join(',')}`;
}
function connect(calls) {
    return new Ssm(calls);
}


/***/ })

};
