from fastapi import FastAPI
import joblib

app = FastAPI()
model = joblib.load("model.pkl")

@app.post("/predict")
def predict(features: dict):
    x = [features[f] for f in sorted(features.keys())]
    pred = model.predict([x])
    return {"prediction": int(pred[0])}
