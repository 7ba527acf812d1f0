"""The optimizer comparison of chapter 1, the way the book's NumPy code does it.

`make bench` times this beside the Swift chapter on the same work, to show
how the course compares with its peer. It is written for this course (the
project's rule: facts from the book carry over, its code does not), but it
follows the book's design step by step, so it costs what the book's code
costs:

- layers with forward/backward methods (Affine, Relu, SoftmaxWithLoss), with
  float64 parameters, the Affine layer computing dx in every layer, the first
  included;
- MultiLayerNet 784-100-100-100-100-10, ReLU, He initialisation
  (std = sqrt(2 / fan_in)), its loss adding the weight-decay term
  0.5 * lambda * sum(W**2) of every layer (lambda = 0, computed anyway);
- SGD(lr=0.01), Momentum(lr=0.01, momentum=0.9), AdaGrad(lr=0.01),
  Adam(lr=0.001, beta1=0.9, beta2=0.999) with the book's update formulas;
- each iteration draws one batch of 128 with np.random.choice and, for each
  of the four networks: gradient, update, then the loss on the same batch,
  recorded;
- MNIST read from the four gz files and normalised as the book's
  load_mnist(normalize=True) does: float32 pixels divided by 255. The
  products of float32 images with float64 weights come out float64, as in the
  book. (The book keeps a pickle of the decoded files after its first run;
  this reads the .gz files every time, as the Swift chapter does.)

Usage: python3 optimizer_compare.py [--iterations N] [--data-dir DIR]
Prints the final losses and the seconds taken (MNIST loading included).
"""

import argparse
import gzip
import os
import time
from collections import OrderedDict

import numpy as np


def read_idx(path):
    """An IDX file (gzip-compressed or not) as a uint8 array of its shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:
        data = stream.read()
    dimensions = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def find(folder, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            return path
    raise SystemExit(f"numpy-peer: {name}(.gz) not found in {folder}")


def load_mnist(folder):
    """Training images (flattened, float32 in [0, 1], as the book's) and labels (class indices)."""
    images = read_idx(find(folder, "train-images-idx3-ubyte"))
    labels = read_idx(find(folder, "train-labels-idx1-ubyte"))
    # The book loads the test set too; so does this, for the same cost.
    read_idx(find(folder, "t10k-images-idx3-ubyte"))
    read_idx(find(folder, "t10k-labels-idx1-ubyte"))
    pixels = images.reshape(len(images), -1).astype(np.float32)
    pixels /= 255.0
    return pixels, labels.astype(np.int64)


# --- Layers -------------------------------------------------------------------

class Relu:
    def __init__(self):
        self.negative = None

    def forward(self, x):
        self.negative = x <= 0
        out = x.copy()
        out[self.negative] = 0
        return out

    def backward(self, dout):
        dout[self.negative] = 0
        return dout


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = None
        self.input_shape = None
        self.dW = self.db = None

    def forward(self, x):
        self.input_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W + self.b

    def backward(self, dout):
        dx = dout @ self.W.T
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dx.reshape(*self.input_shape)


def softmax(a):
    shifted = a - a.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(y, labels):
    n = y.shape[0]
    return -np.sum(np.log(y[np.arange(n), labels] + 1e-7)) / n


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.labels = None

    def forward(self, a, labels):
        self.labels = labels
        self.y = softmax(a)
        return cross_entropy(self.y, labels)

    def backward(self, dout=1):
        n = self.labels.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.labels] -= 1
        return dx * dout / n


# --- The network --------------------------------------------------------------

class MultiLayerNet:
    def __init__(self, input_size, hidden_sizes, output_size, weight_decay_lambda=0.0):
        self.weight_decay_lambda = weight_decay_lambda
        sizes = [input_size] + hidden_sizes + [output_size]
        self.depth = len(sizes) - 1
        self.params = {}
        for i in range(1, self.depth + 1):
            scale = np.sqrt(2.0 / sizes[i - 1])   # He
            self.params[f"W{i}"] = scale * np.random.randn(sizes[i - 1], sizes[i])
            self.params[f"b{i}"] = np.zeros(sizes[i])
        self.layers = OrderedDict()
        for i in range(1, self.depth + 1):
            self.layers[f"Affine{i}"] = Affine(self.params[f"W{i}"], self.params[f"b{i}"])
            if i < self.depth:
                self.layers[f"Relu{i}"] = Relu()
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, labels):
        scores = self.predict(x)
        decay = 0.0
        for i in range(1, self.depth + 1):
            decay += 0.5 * self.weight_decay_lambda * np.sum(self.params[f"W{i}"] ** 2)
        return self.last_layer.forward(scores, labels) + decay

    def gradient(self, x, labels):
        self.loss(x, labels)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for i in range(1, self.depth + 1):
            affine = self.layers[f"Affine{i}"]
            grads[f"W{i}"] = affine.dW + self.weight_decay_lambda * affine.W
            grads[f"b{i}"] = affine.db
        return grads


# --- Optimizers (the book's defaults) -----------------------------------------

class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(value) for key, value in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iteration, self.m, self.v = 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(value) for key, value in params.items()}
            self.v = {key: np.zeros_like(value) for key, value in params.items()}
        self.iteration += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iteration) / (1.0 - self.beta1 ** self.iteration)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=2000, help="mini-batches (the book: 2000)")
    parser.add_argument("--data-dir", default=os.environ.get("MNIST_DIR"), help="folder with the four MNIST .gz files")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    if not arguments.data_dir:
        raise SystemExit("numpy-peer: give --data-dir or set MNIST_DIR")

    started = time.perf_counter()
    np.random.seed(arguments.seed)
    x_train, t_train = load_mnist(arguments.data_dir)
    train_size, batch_size = x_train.shape[0], 128

    optimizers = OrderedDict(SGD=SGD(), Momentum=Momentum(), AdaGrad=AdaGrad(), Adam=Adam())
    networks = {key: MultiLayerNet(784, [100, 100, 100, 100], 10) for key in optimizers}
    train_loss = {key: [] for key in optimizers}

    for i in range(arguments.iterations):
        batch_mask = np.random.choice(train_size, batch_size)
        x_batch, t_batch = x_train[batch_mask], t_train[batch_mask]
        for key, optimizer in optimizers.items():
            grads = networks[key].gradient(x_batch, t_batch)
            optimizer.update(networks[key].params, grads)
            train_loss[key].append(networks[key].loss(x_batch, t_batch))
        if i % 100 == 0:
            print(f"===========iteration:{i}===========")
            for key in optimizers:
                print(f"{key}:{train_loss[key][-1]}")

    seconds = time.perf_counter() - started
    print("final losses: " + ", ".join(f"{key} {train_loss[key][-1]:.4f}" for key in optimizers))
    print(f"numpy-peer iterations={arguments.iterations} seconds={seconds:.2f}")


if __name__ == "__main__":
    main()
