#!/usr/bin/env python3
"""Builds ONNX models outside Gyre (Debian's python3-onnx, onnx.helper) with known weights, plus data and the
scores numpy computes for it, for tests/Gyre.Cli.Tests/OnnxImport.

Usage: make_onnx_models.py OUT_DIR
Writes in OUT_DIR:
  logreg.onnx      input "input" float [N,3] -> MatMul, Add, Sigmoid -> "probabilities" float [N,2] (Concat of 1-p, p),
                   plus an int64 "label" output first (as skl2onnx orders them)
  regression.onnx  per-column inputs "x1" float [N,1], "x2" double [N,1], "x3" int64 [N] -> "variable" float [N,1]
  softmax.onnx     input "features" float [N,3] -> MatMul, Add, Softmax -> "scores" float [N,3]
  data.csv         id,x1,x2,x3 (x3 integral)
  expected.json    {"binary": [p...], "regression": [y...], "multiclass": [[p0,p1,p2]...]} per data row
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

W = np.array([[0.8], [-1.2], [0.35]], dtype=np.float32)
B = np.array([0.1], dtype=np.float32)
R = {"x1": 0.5, "x2": -0.25, "x3": 0.125, "bias": 1.5}
M = np.array([[0.5, -0.3, 0.1], [-0.2, 0.4, 0.05], [0.3, 0.1, -0.6]], dtype=np.float32)
MB = np.array([0.05, -0.1, 0.2], dtype=np.float32)
OPSET = [helper.make_opsetid("", 13)]


def save(graph, path):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="gyre-tests-onnx-helper", producer_version="1")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, path)


def logreg(path):
    nodes = [
        helper.make_node("MatMul", ["input", "W"], ["z0"]),
        helper.make_node("Add", ["z0", "B"], ["z"]),
        helper.make_node("Sigmoid", ["z"], ["p"]),
        helper.make_node("Sub", ["one", "p"], ["q"]),
        helper.make_node("Concat", ["q", "p"], ["probabilities"], axis=1),
        helper.make_node("Greater", ["p", "half"], ["positive"]),
        helper.make_node("Cast", ["positive"], ["label2d"], to=TensorProto.INT64),
        helper.make_node("Squeeze", ["label2d", "axes"], ["label"]),
    ]
    graph = helper.make_graph(
        nodes, "logistic_regression",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 2])],
        [numpy_helper.from_array(W, "W"), numpy_helper.from_array(B, "B"),
         numpy_helper.from_array(np.array([1.0], dtype=np.float32), "one"),
         numpy_helper.from_array(np.array([0.5], dtype=np.float32), "half"),
         numpy_helper.from_array(np.array([1], dtype=np.int64), "axes")])
    save(graph, path)


def regression(path):
    nodes = [
        helper.make_node("Cast", ["x2"], ["x2f"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["x3"], ["x3f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["x3f", "axes"], ["x3c"]),
        helper.make_node("Mul", ["x1", "a1"], ["t1"]),
        helper.make_node("Mul", ["x2f", "a2"], ["t2"]),
        helper.make_node("Mul", ["x3c", "a3"], ["t3"]),
        helper.make_node("Sum", ["t1", "t2", "t3", "bias"], ["variable"]),
    ]
    graph = helper.make_graph(
        nodes, "linear_regression",
        [helper.make_tensor_value_info("x1", TensorProto.FLOAT, ["N", 1]),
         helper.make_tensor_value_info("x2", TensorProto.DOUBLE, ["N", 1]),
         helper.make_tensor_value_info("x3", TensorProto.INT64, ["N"])],
        [helper.make_tensor_value_info("variable", TensorProto.FLOAT, ["N", 1])],
        [numpy_helper.from_array(np.array([R["x1"]], dtype=np.float32), "a1"),
         numpy_helper.from_array(np.array([R["x2"]], dtype=np.float32), "a2"),
         numpy_helper.from_array(np.array([R["x3"]], dtype=np.float32), "a3"),
         numpy_helper.from_array(np.array([R["bias"]], dtype=np.float32), "bias"),
         numpy_helper.from_array(np.array([1], dtype=np.int64), "axes")])
    save(graph, path)


def softmax(path):
    nodes = [
        helper.make_node("MatMul", ["features", "M"], ["z0"]),
        helper.make_node("Add", ["z0", "MB"], ["z"]),
        helper.make_node("Softmax", ["z"], ["scores"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "softmax_regression",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", 3])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", 3])],
        [numpy_helper.from_array(M, "M"), numpy_helper.from_array(MB, "MB")])
    save(graph, path)


def main(out):
    os.makedirs(out, exist_ok=True)
    logreg(os.path.join(out, "logreg.onnx"))
    regression(os.path.join(out, "regression.onnx"))
    softmax(os.path.join(out, "softmax.onnx"))

    rng = np.random.default_rng(8)
    n = 40
    x1 = np.round(rng.normal(0, 1.5, n), 4)
    x2 = np.round(rng.normal(0, 1.0, n), 4)
    x3 = rng.integers(-3, 6, n).astype(np.float64)
    with open(os.path.join(out, "data.csv"), "w") as f:
        f.write("id,x1,x2,x3\n")
        for i in range(n):
            f.write(f"row{i},{x1[i]!r},{x2[i]!r},{int(x3[i])}\n")

    # Gyre reads the CSV as float64 and feeds the graph float32: compute from the float32 values, in float64.
    x = np.stack([x1, x2, x3], axis=1).astype(np.float32).astype(np.float64)
    z = x @ W.astype(np.float64)[:, 0] + float(B[0])
    p = 1.0 / (1.0 + np.exp(-z))
    y = R["x1"] * x[:, 0] + R["x2"] * x2 + R["x3"] * x3 + R["bias"]
    s = x @ M.astype(np.float64) + MB.astype(np.float64)
    e = np.exp(s - s.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"binary": p.tolist(), "regression": y.tolist(), "multiclass": probs.tolist()}, f)


if __name__ == "__main__":
    main(sys.argv[1])
